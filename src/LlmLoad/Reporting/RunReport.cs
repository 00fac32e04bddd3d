using LlmLoad.Analysis;
using LlmLoad.Analysis.Server;
using LlmLoad.Analysis.Slo;
using LlmLoad.Analysis.Watches;
using LlmLoad.Cost;
using LlmLoad.Engine;
using LlmLoad.Options;

namespace LlmLoad.Reporting;

/// <summary>Everything the end-of-run outputs (summary.json, the console table) show; immutable.</summary>
internal sealed record RunReport(
    RunOptions Options,
    Uri TargetUrl,
    bool EmbeddedSimulator,
    DateTimeOffset StartedAtUtc,
    double DurationSeconds,
    EngineResult Engine,
    RunStatistics Statistics,
    ClientHealth Client,
    IReadOnlyList<string> Warnings,
    string OutDir,
    IReadOnlyList<TimeSeriesRow>? TimeSeries = null,
    BreakerTrip? BreakerTrip = null,
    IReadOnlyList<StageStatistics>? Stages = null,
    SloAbort? SloAbort = null,
    BudgetOutcome? Budget = null,
    IReadOnlyDictionary<string, RunStatistics>? Categories = null,
    ActionStatistics? Actions = null,
    ServerSummary? Server = null,
    TargetBreakdown? Targets = null,
    IReadOnlyList<FailoverReport>? Failover = null,
    SegmentFacts? Segment = null)
{
    public StopReason StoppedBy => Engine.StoppedBy;

    /// <summary>The rows of timeseries.csv.</summary>
    public int TimeSeriesWindows => TimeSeries?.Count ?? 0;

    /// <summary>The categories' statistics in the mix's order (then any others by name); empty without categories.</summary>
    public IReadOnlyList<(string Name, RunStatistics Statistics)> CategoriesInOrder => field ??= OrderCategories();

    private List<(string Name, RunStatistics Statistics)> OrderCategories()
    {
        var order = Options.Workload.Mix?.Categories.Select(c => c.Name).ToList() ?? [];
        return [.. (Categories ?? new Dictionary<string, RunStatistics>())
            .OrderBy(c => order.IndexOf(c.Key) is var i and >= 0 ? i : int.MaxValue)
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => (c.Key, c.Value))];
    }

    public double RequestsPerSecond => PerSecond(Statistics.Succeeded);

    public double OutputTokensPerSecond => PerSecond(Statistics.OutputTokens);

    public double InputTokensPerSecond => PerSecond(Statistics.InputTokens);

    /// <summary>Whether the API generated tokens over time; an embeddings run's answers arrive whole, with no TTFT or ITL.</summary>
    public bool TokensOverTime => Options.Format.InputsPerRequest is null;

    /// <summary>The latency distributions the run has: all of them, or for answers that arrive whole, those that mean something.</summary>
    public IReadOnlyList<LatencyMetric> LatencyMetrics => TokensOverTime ? LatencyMetricNames.All : LatencyMetricNames.OfWholeAnswers;

    /// <summary>Inputs embedded per second by the requests that succeeded; null for a run that generates.</summary>
    public double? InputsPerSecond => TokensOverTime ? null : PerSecond(Statistics.Inputs);

    /// <summary>Each objective of the run against what was measured, in the order given.</summary>
    public IReadOnlyList<SloResult> Slos => field ??= SloCheck.Evaluate(Options.Slos, Statistics, RequestsPerSecond, OutputTokensPerSecond);

    public bool SlosFailed => Slos.Any(s => !s.Passed);

    /// <summary>Peak shares of the announced rate limits, the first 429, and the request rate the limits allow this workload.</summary>
    public RateLimitUsage RateLimitUsage => field ??= RateLimitUsage.From(Statistics.RateLimits, TimeSeries ?? []);

    public double TotalTokensPerMinute => PerSecond(Statistics.InputTokens + Statistics.OutputTokens) * 60;

    /// <summary>Measured requests actually sent per second, between the first and the last send.</summary>
    public double AchievedRate
    {
        get
        {
            var span = (Statistics.LastSentMs - Statistics.WindowStartMs) / 1000.0;
            return Statistics.Measured > 1 && span > 0 ? (Statistics.Measured - 1) / span : 0;
        }
    }

    /// <summary>What the run spent, warm-up included; null when it has no price.</summary>
    public decimal? SpentUsd => Options.Cost.Price is null ? null : Statistics.Cost.TotalUsd + Statistics.WarmupCost.TotalUsd;

    /// <summary>The cost per measured request at the target (or achieved) rate; null without a price or measured requests.</summary>
    public CostProjection? CostProjection => Options.Cost.Price is null ? null : CostProjection.For(Statistics.Cost.PerRequestUsd, Options.Cost.TargetRate, AchievedRate);

    public string TokenSource => (Statistics.UsageCounted, Statistics.TokenizerCounted) switch
    {
        (> 0, > 0) => "mixed",
        (0, > 0) => "tokenizer",
        _ => "usage",
    };

    private double PerSecond(long count) => Statistics.WindowSeconds > 0 ? count / Statistics.WindowSeconds : 0;
}
