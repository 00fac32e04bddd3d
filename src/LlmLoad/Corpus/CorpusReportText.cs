using System.Globalization;
using System.Text;
using LlmLoad.Corpus.Scrubbing;

namespace LlmLoad.Corpus;

/// <summary>The build report for the console: lines, buckets with their weights, what was scrubbed.</summary>
public static class CorpusReportText
{
    public static string Format(CorpusBuildReport report)
    {
        var text = new StringBuilder();
        var options = report.Options;
        Line(text, $"corpus: {report.PromptsWritten:N0} prompts written to {options.Out} (report: {options.ReportPath})");
        Line(text, $"lines: {report.LinesRead:N0} read, {report.BadLines:N0} bad, {report.BlankLines:N0} blank, {report.Duplicates:N0} duplicates removed, {report.UniquePrompts:N0} distinct prompts");
        foreach (var bad in report.BadLineSamples)
        {
            Line(text, $"  skipped {options.SourceName}:{bad.Line}: {bad.Error}");
        }

        if (report.BadLines > report.BadLineSamples.Count)
        {
            Line(text, $"  … and {report.BadLines - report.BadLineSamples.Count:N0} more bad lines");
        }

        Line(text, $"buckets ({report.Tokenizer} tokens; input short < {options.Buckets.ShortInputBelow}, long > {options.Buckets.LongInputAbove}; output long >= {options.Buckets.LongOutputFrom}):");
        Line(text, $"  {"bucket",-22} {"prompts",12} {"weight",8} {"sampled",8}");
        foreach (var bucket in report.Buckets)
        {
            Line(text, $"  {bucket.Name,-22} {bucket.Prompts,12:N0} {bucket.Weight,8:P1} {bucket.Sampled,8:N0}");
        }

        var hits = PiiPlaceholders.All.Where(k => report.Scrubbed[k] > 0).Select(k => $"{PiiPlaceholders.Name(k)} {report.Scrubbed[k]:N0}");
        if (report.Scrubbed.Total == 0)
        {
            Line(text, $"scrubbed: nothing found");
        }
        else
        {
            Line(text, $"scrubbed: {report.Scrubbed.Total:N0} ({string.Join(", ", hits)})");
        }

        Line(text, $"read {report.BytesRead / 1e6:N1} MB in {report.Elapsed.TotalSeconds:N1} s ({CorpusReportJson.MegabytesPerSecond(report):N1} MB/s)");
        return text.ToString();
    }

    private static void Line(StringBuilder text, FormattableString line) => text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
