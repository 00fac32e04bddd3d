using HdrHistogram;
using LlmLoad.Analysis;

namespace LlmLoad.Reporting;

/// <summary>
/// Writes histograms.hlog: the run's raw latency distributions in HdrHistogram's standard histogram log format
/// (one interval per metric, tagged with its summary.json name, values in microseconds). Unlike percentiles,
/// HDR histograms add up exactly, so <c>llmload merge</c> gives N segments the percentiles one machine would have;
/// requests.jsonl alone cannot, as per-token ITL and chunk gaps are not in it.
/// </summary>
internal sealed class HistogramLogFile : IRunExporter
{
    public const string FileName = "histograms.hlog";

    public void Export(RunReport report) => Write(report.OutDir, report.Statistics, report.StartedAtUtc, report.DurationSeconds);

    public static void Write(string directory, RunStatistics statistics, DateTimeOffset startedAtUtc, double durationSeconds)
    {
        var startMs = startedAtUtc.ToUnixTimeMilliseconds();
        var endMs = startMs + (long)Math.Round(durationSeconds * 1000);
        var histograms = LatencyMetricNames.All.Select(m => statistics.Histogram(m).Snapshot(m.ToWireName(), startMs, endMs)).ToArray();
        var path = Path.Combine(directory, FileName);
        using var file = File.Create(path);
        HistogramLogWriter.Write(file, startedAtUtc.UtcDateTime, histograms);
    }

    /// <summary>The histograms of a log by tag (metric name); an unknown tag is left out.</summary>
    /// <exception cref="FormatException">The file is not a histogram log.</exception>
    public static Dictionary<LatencyMetric, HistogramBase> Read(string path)
    {
        using var file = File.OpenRead(path);
        using var reader = new HistogramLogReader(file);
        var byName = LatencyMetricNames.All.ToDictionary(m => m.ToWireName(), m => m, StringComparer.Ordinal);
        var result = new Dictionary<LatencyMetric, HistogramBase>();
        try
        {
            foreach (var histogram in reader.ReadHistograms())
            {
                if (histogram.Tag is { } tag && byName.TryGetValue(tag, out var metric))
                {
                    result[metric] = histogram;
                }
            }
        }
        catch (Exception ex) when (ex is not IOException)
        {
            throw new FormatException($"{path} is not a histogram log ({ex.Message})", ex);
        }

        return result;
    }
}
