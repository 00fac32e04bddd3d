namespace LlmLoad.Comparison;

/// <summary>One figure a comparison shows and <c>--fail-on</c> can gate: its name, unit, and how a run gives it.</summary>
/// <param name="Name">The stable name of --fail-on and the JSON output, e.g. <c>ttft.p95</c>, <c>error_rate</c>.</param>
/// <param name="Unit"><c>ms</c>, <c>share</c> (0–1), <c>req/s</c>, <c>tok/s</c> or <c>usd</c>.</param>
/// <param name="HigherIsWorse">True for latencies, errors and cost; false for throughput and goodput.</param>
internal sealed record ComparedMetric(string Name, string Label, string Unit, MetricKind Kind, bool HigherIsWorse, Func<ComparedRun, double?> Value)
{
    /// <summary>For <see cref="MetricKind.Latency"/>: the sample (<c>ttft</c>, <c>tpot</c>, <c>e2e</c>) and the quantile (0–1).</summary>
    public string? Sample { get; init; }

    public double Quantile { get; init; }

    /// <summary>For <see cref="MetricKind.Proportion"/>: the requests counted and the measured requests they are a share of.</summary>
    public Func<ComparedRun, (long Count, long Of)?>? Counts { get; init; }

    /// <summary>The sorted values of <see cref="Sample"/> in <paramref name="run"/>.</summary>
    public double[] Values(ComparedRun run) => run.Latencies[Sample!];
}
