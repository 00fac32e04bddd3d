using LlmLoad.Analysis.Slo;
using LlmLoad.Engine;

namespace LlmLoad.FindLimit;

/// <summary>
/// What one step measured. Throughput figures cover the step's steady part (see <see cref="StepTimeline"/>);
/// latency percentiles, the error rate and the SLOs cover all its requests, as <c>llmload run</c> reports them.
/// </summary>
internal sealed record StepMeasurement
{
    /// <summary>The load the step offered: arrivals per second, or requests in flight.</summary>
    public required double Load { get; init; }

    /// <summary>Arrivals per second actually offered in the steady part (dropped ones included); null on the concurrency axis.</summary>
    public double? OfferedRate { get; init; }

    /// <summary>Successful completions per second in the steady part.</summary>
    public required double AchievedRate { get; init; }

    public double OutputTokensPerSecond { get; init; }

    /// <summary>Length of the steady part the rates cover, in seconds (0 when unknown): their counting noise depends on it.</summary>
    public double SteadySeconds { get; init; }

    public double? TtftP50Ms { get; init; }

    public double? TtftP95Ms { get; init; }

    public double? ItlP50Ms { get; init; }

    public double? E2eP95Ms { get; init; }

    public double? E2eMeanMs { get; init; }

    /// <summary>Failed over measured requests, 0–1.</summary>
    public double ErrorRate { get; init; }

    /// <summary>Requests the step sent, failures included: what it spent of the request budget.</summary>
    public long Requests { get; init; }

    /// <summary>Median TTFT counted from the intended send, early in the step against late in it; null with too few requests.</summary>
    public TtftTrend? Trend { get; init; }

    public IReadOnlyList<SloResult> Slos { get; init; } = [];

    public StopReason StoppedBy { get; init; } = StopReason.Duration;

    /// <summary>What the step's requests cost, warm-up included; null when the model has no price.</summary>
    public decimal? CostUsd { get; init; }

    public double DurationSeconds { get; init; }

    /// <summary>The step's results directory, relative to find-limit's --out (steps/NN-LOAD).</summary>
    public string? Directory { get; init; }

    /// <summary>What the server's /metrics showed during the step; null when nothing was scraped.</summary>
    public StepServer? Server { get; init; }

    public bool SlosPassed => Slos.All(s => s.Passed);

    /// <summary>The step was cut short by Ctrl-C.</summary>
    public bool Interrupted => StoppedBy == StopReason.Interrupted;

    /// <summary>The step was cut short, by Ctrl-C or by the cost budget, so it says little about its load.</summary>
    public bool CutShort => StoppedBy is StopReason.Interrupted or StopReason.Budget;

    /// <summary>Little's law: requests in flight on average = throughput × mean time in the system.</summary>
    public double? ConcurrencyNeeded => E2eMeanMs is { } e2e ? AchievedRate * e2e / 1000 : null;
}
