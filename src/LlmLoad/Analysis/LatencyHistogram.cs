using HdrHistogram;

namespace LlmLoad.Analysis;

/// <summary>
/// A latency distribution in fixed memory (HDR histogram, microsecond resolution, 3 significant
/// digits, up to one hour). Merging two is exact, so shards and time windows add up.
/// </summary>
internal sealed class LatencyHistogram
{
    private const long HighestMicroseconds = 3_600_000_000;
    private readonly LongHistogram _histogram = new(HighestMicroseconds, 3);

    public long Count => _histogram.TotalCount;

    public void Record(double milliseconds)
    {
        var micros = (long)Math.Round(milliseconds * 1000);
        _histogram.RecordValue(Math.Clamp(micros, 0, HighestMicroseconds));
    }

    public void Add(LatencyHistogram other) => _histogram.Add(other._histogram);

    /// <summary>Adds one read back from a histogram log (another process's, in microseconds like this one).</summary>
    public void Add(HistogramBase other) => _histogram.Add(other);

    /// <summary>A copy for a histogram log, tagged and stamped (milliseconds since the Unix epoch) as the log format wants.</summary>
    public HistogramBase Snapshot(string tag, long startUnixMs, long endUnixMs)
    {
        var copy = _histogram.Copy();
        copy.Tag = tag;
        copy.StartTimeStamp = startUnixMs;
        copy.EndTimeStamp = endUnixMs;
        return copy;
    }

    /// <summary>Empties it for reuse: at ~190 KB each, per-window histograms are pooled rather than reallocated.</summary>
    public void Reset() => _histogram.Reset();

    public LatencyStats Stats()
    {
        if (Count == 0)
        {
            return LatencyStats.Empty;
        }

        double Percentile(double p) => _histogram.GetValueAtPercentile(p) / 1000.0;
        return new LatencyStats(
            Count,
            _histogram.GetMean() / 1000.0,
            _histogram.GetStdDeviation() / 1000.0,
            LowestRecorded() / 1000.0,
            Percentile(50),
            Percentile(90),
            Percentile(95),
            Percentile(99),
            Percentile(99.9),
            _histogram.GetMaxValue() / 1000.0);
    }

    private long LowestRecorded()
    {
        foreach (var value in _histogram.RecordedValues())
        {
            return value.ValueIteratedTo;
        }

        return 0;
    }
}
