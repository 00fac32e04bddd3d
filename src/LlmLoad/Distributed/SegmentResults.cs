using System.Globalization;
using System.Text.Json;
using LlmLoad.Recording;
using LlmLoad.Reporting;

namespace LlmLoad.Distributed;

/// <summary>One segment's results directory as <c>llmload merge</c> reads it: its manifest and the summary facts the merge adds up.</summary>
internal sealed record SegmentResults(string Directory, SegmentManifest Manifest, DateTimeOffset StartedAtUtc, double DurationSeconds,
    string StoppedBy, string TargetUrl, long Dropped, IReadOnlyList<string> Warnings, DateTimeOffset? StartAt, double? StartSkewMs)
{
    /// <summary>The files a segment leaves; summary.json is written last, so its presence says the run finished.</summary>
    public static readonly string[] Files = [SegmentManifest.FileName, RequestLog.FileName, HistogramLogFile.FileName, SummaryJson.FileName];

    public string RequestsPath => Path.Combine(Directory, RequestLog.FileName);

    public string HistogramsPath => Path.Combine(Directory, HistogramLogFile.FileName);

    /// <summary>The directory read, or null with why not in <paramref name="errors"/>.</summary>
    public static SegmentResults? Read(string directory, List<string> errors)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            errors.Add($"{directory}: no such directory");
            return null;
        }

        var missing = Files.Where(f => !File.Exists(Path.Combine(directory, f))).ToList();
        if (missing.Count > 0)
        {
            errors.Add($"{directory}: not a finished segment's results: no {string.Join(", ", missing)} (a segment is a 'llmload run --segment K/N'; summary.json appears when it ends)");
            return null;
        }

        try
        {
            var manifest = SegmentManifest.Read(Path.Combine(directory, SegmentManifest.FileName));
            using var summary = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, SummaryJson.FileName)));
            var root = summary.RootElement;
            var run = root.GetProperty("run");
            var segment = root.TryGetProperty("segment", out var s) && s.ValueKind == JsonValueKind.Object ? s : (JsonElement?)null;
            return new SegmentResults(
                directory,
                manifest,
                DateTimeOffset.Parse(run.GetProperty("started_at").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                run.GetProperty("duration_s").GetDouble(),
                run.GetProperty("stopped_by").GetString()!,
                run.GetProperty("target").GetProperty("url").GetString()!,
                root.GetProperty("requests").GetProperty("dropped").GetInt64(),
                [.. root.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!)],
                segment?.GetProperty("start_at") is { ValueKind: JsonValueKind.String } at ? DateTimeOffset.Parse(at.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null,
                segment?.GetProperty("start_skew_ms") is { ValueKind: JsonValueKind.Number } skew ? skew.GetDouble() : null);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            errors.Add($"{directory}: unreadable results ({ex.Message})");
            return null;
        }
    }
}
