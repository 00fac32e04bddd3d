using LlmLoad.Shared;

namespace LlmLoad.Comparison;

/// <summary>The metrics every comparison shows, in order (docs/compare.md lists them).</summary>
internal static class ComparedMetrics
{
    private static readonly (string Stat, double Quantile)[] Stats = [("p50", 0.50), ("p90", 0.90), ("p95", 0.95), ("p99", 0.99)];

    public static IReadOnlyList<ComparedMetric> All { get; } =
    [
        .. Latency("ttft", "TTFT"),
        .. Latency("tpot", "TPOT"),
        .. Latency("e2e", "E2E"),
        .. Stats.Select(p => new ComparedMetric($"itl.{p.Stat}", $"ITL {p.Stat}", "ms", MetricKind.Figure, true,
            run => run.Figures.Itl.TryGetValue(p.Stat, out var value) ? value : null)),
        new("error_rate", "error rate", "share", MetricKind.Proportion, true,
            run => run.Figures.Measured > 0 ? (double)run.Figures.Failed / run.Figures.Measured : null)
        {
            Counts = run => (run.Figures.Failed, run.Figures.Measured),
        },
        new("goodput", "goodput", "share", MetricKind.Proportion, false,
            run => run.Figures is { GoodputMet: { } met, Measured: > 0 } f ? (double)met / f.Measured : null)
        {
            Counts = run => run.Figures.GoodputMet is { } met ? (met, run.Figures.Measured) : null,
        },
        new("requests_per_s", "throughput", "req/s", MetricKind.Figure, false, run => run.Figures.RequestsPerSecond),
        new("output_tokens_per_s", "output tokens", "tok/s", MetricKind.Figure, false, run => run.Figures.OutputTokensPerSecond),
        new("cost_per_request", "cost per request", "usd", MetricKind.Figure, true, run => run.Figures.CostPerRequestUsd),
    ];

    public static ComparedMetric? Find(string name) => All.FirstOrDefault(m => m.Name == name);

    private static IEnumerable<ComparedMetric> Latency(string sample, string label)
        => Stats.Select(p => new ComparedMetric($"{sample}.{p.Stat}", $"{label} {p.Stat}", "ms", MetricKind.Latency, true,
            run => Percentiles.Of(run.Latencies[sample], p.Quantile))
        {
            Sample = sample,
            Quantile = p.Quantile,
        });
}
