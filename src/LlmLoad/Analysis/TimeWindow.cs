using LlmLoad.Providers;

namespace LlmLoad.Analysis;

/// <summary>
/// The aggregates of one fixed time window of a run (see docs/metrics.md, "Time series"). Counters
/// stay for the whole run; the three latency histograms exist only while the window is open and are
/// reduced to the few percentiles the CSV shows when it closes.
/// </summary>
internal sealed class TimeWindow(long index)
{
    private readonly long[] _errors = new long[ErrorClassNames.All.Count];

    public long Index { get; } = index;

    public long Scheduled { get; set; }

    public long Sent { get; set; }

    public long Completed { get; set; }

    public long Ok { get; set; }

    public long OutputTokens { get; set; }

    /// <summary>What this window's sends took from the rate limits, and what the headers said (by send time).</summary>
    public RateLimitWindow RateLimit { get; } = new();

    public LatencyHistogram? Ttft { get; set; }

    public LatencyHistogram? Itl { get; set; }

    public LatencyHistogram? E2e { get; set; }

    public bool IsClosed { get; private set; }

    public LatencyStats TtftStats { get; private set; } = LatencyStats.Empty;

    public LatencyStats ItlStats { get; private set; } = LatencyStats.Empty;

    public LatencyStats E2eStats { get; private set; } = LatencyStats.Empty;

    public long Errors => Completed - Ok;

    public long ErrorsOf(ErrorClass error) => _errors[(int)error];

    public void AddError(ErrorClass error) => _errors[(int)error]++;

    /// <summary>Keeps the percentiles and hands the histograms back to be reused.</summary>
    public IEnumerable<LatencyHistogram> Close()
    {
        IsClosed = true;
        var histograms = new[] { Ttft, Itl, E2e };
        TtftStats = Ttft?.Stats() ?? LatencyStats.Empty;
        ItlStats = Itl?.Stats() ?? LatencyStats.Empty;
        E2eStats = E2e?.Stats() ?? LatencyStats.Empty;
        Ttft = Itl = E2e = null;
        return histograms.OfType<LatencyHistogram>();
    }
}
