using System.Globalization;
using System.Text;
using System.Xml;
using LlmLoad.Analysis.Slo;
using LlmLoad.Engine;

namespace LlmLoad.Reporting;

/// <summary>
/// Writes junit.xml for CI systems that read JUnit results: one testsuite named after the scenario, one test
/// case per SLO, failed with the measured value against the threshold. A run without SLOs has no test case.
/// </summary>
internal sealed class JUnitXml : IRunExporter
{
    public const string FileName = "junit.xml";

    public void Export(RunReport report)
    {
        var path = Path.Combine(report.OutDir, FileName);
        var temporary = path + ".tmp";
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) };
        using (var xml = XmlWriter.Create(temporary, settings))
        {
            Write(xml, report);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The scenario file's name without extension, or for a run from flags only <c>llmload run MODEL</c>.</summary>
    public static string SuiteName(RunReport report)
        => report.Options.ScenarioPath is { } scenario ? Path.GetFileNameWithoutExtension(scenario) : $"llmload run {report.Options.Model}";

    /// <summary>Why an objective failed, as a CI page shows it: <c>ttft.p95&lt;500ms: measured 620ms, threshold &lt; 500ms</c>.</summary>
    public static string FailureMessage(SloResult result)
    {
        var objective = result.Objective;
        return $"{objective.Text}: measured {result.MeasuredText}, threshold {objective.Comparison.ToText()} {objective.Format(objective.Threshold)}";
    }

    private static void Write(XmlWriter xml, RunReport report)
    {
        var slos = report.Slos;
        var failures = slos.Count(s => !s.Passed).ToString(CultureInfo.InvariantCulture);
        var tests = slos.Count.ToString(CultureInfo.InvariantCulture);
        var time = Math.Round(report.DurationSeconds, 3).ToString(CultureInfo.InvariantCulture);
        var suite = Clean(SuiteName(report));
        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", "llmload");
        xml.WriteAttributeString("tests", tests);
        xml.WriteAttributeString("failures", failures);
        xml.WriteAttributeString("errors", "0");
        xml.WriteAttributeString("time", time);
        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", suite);
        xml.WriteAttributeString("tests", tests);
        xml.WriteAttributeString("failures", failures);
        xml.WriteAttributeString("errors", "0");
        xml.WriteAttributeString("skipped", "0");
        xml.WriteAttributeString("time", time);
        xml.WriteAttributeString("timestamp", report.StartedAtUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        xml.WriteStartElement("properties");
        Property(xml, "provider", report.Options.Provider);
        Property(xml, "model", report.Options.Model);
        Property(xml, "stopped_by", report.StoppedBy.ToWireName());
        xml.WriteEndElement();
        foreach (var result in slos)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("name", result.Objective.Text);
            xml.WriteAttributeString("classname", "slo." + suite);
            xml.WriteAttributeString("time", "0");
            if (!result.Passed)
            {
                xml.WriteStartElement("failure");
                xml.WriteAttributeString("type", "slo");
                xml.WriteAttributeString("message", FailureMessage(result));
                xml.WriteString(FailureMessage(result));
                xml.WriteEndElement();
            }
            else
            {
                xml.WriteElementString("system-out", $"measured {result.MeasuredText}");
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void Property(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", Clean(value));
        xml.WriteEndElement();
    }

    /// <summary>User text (a model or file name) without the control characters XML cannot carry.</summary>
    private static string Clean(string text) => string.Concat(text.Where(XmlConvert.IsXmlChar));
}
