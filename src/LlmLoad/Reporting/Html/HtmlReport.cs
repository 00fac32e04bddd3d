using System.Text.Json;
using LlmLoad.Providers;
using LlmLoad.Recording;

namespace LlmLoad.Reporting.Html;

/// <summary>
/// Writes report.html for a run: its summary (the same document as summary.json), timeseries.csv and the
/// distributions of requests.jsonl, drawn by report.js. Built from the files, so that <c>llmload report DIR</c>
/// rebuilds the same page; find-limit's page is built from find-limit.json the same way.
/// </summary>
internal sealed class HtmlReport : IRunExporter
{
    public const string FileName = ReportPage.FileName;

    /// <summary>Runs after timeseries.csv (which it reads) and before summary.json (whose document it is given).</summary>
    public void Export(RunReport report) => WriteRun(report.OutDir, SummaryJson.ToUtf8(report));

    /// <summary>The run's page from its summary document and the files in <paramref name="directory"/>; returns the path.</summary>
    /// <exception cref="JsonException">The summary is not JSON.</exception>
    public static string WriteRun(string directory, byte[] summary)
    {
        using var document = JsonDocument.Parse(summary);
        var series = TimeSeriesColumns.Read(Path.Combine(directory, TimeSeriesCsv.FileName));
        var distributions = LatencyDistributions.Read(Path.Combine(directory, RequestLog.FileName));
        return ReportPage.Write(directory, Data("run", json =>
        {
            json.WritePropertyName("summary");
            document.RootElement.WriteTo(json);
            json.WritePropertyName("timeseries");
            series.Write(json);
            json.WriteNumber("binsPerDecade", LogBins.PerDecade);
            json.WritePropertyName("distributions");
            distributions.Write(json);
            json.WriteStartArray("errorClasses");
            foreach (var error in ErrorClassNames.All)
            {
                json.WriteStringValue(error.ToWireName());
            }

            json.WriteEndArray();
        }));
    }

    /// <summary>find-limit's page (the curve, the knee and saturation point, the steps) from its find-limit.json document.</summary>
    /// <exception cref="JsonException">The document is not JSON.</exception>
    public static string WriteFindLimit(string directory, byte[] findLimit)
    {
        using var document = JsonDocument.Parse(findLimit);
        return ReportPage.Write(directory, Data("find-limit", json =>
        {
            json.WritePropertyName("findLimit");
            document.RootElement.WriteTo(json);
        }));
    }

    private static byte[] Data(string kind, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("kind", kind);
            body(json);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
