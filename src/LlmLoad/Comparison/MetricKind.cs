namespace LlmLoad.Comparison;

/// <summary>How a metric's change is tested for significance.</summary>
internal enum MetricKind
{
    /// <summary>A percentile of per-request latencies: bootstrap interval of the difference and Mann–Whitney U.</summary>
    Latency,

    /// <summary>A share of the measured requests (error rate, goodput): the two-proportion z-test.</summary>
    Proportion,

    /// <summary>A whole-run figure (throughput, cost per request, per-token ITL) with no per-request sample: no test, the threshold alone decides.</summary>
    Figure,
}
