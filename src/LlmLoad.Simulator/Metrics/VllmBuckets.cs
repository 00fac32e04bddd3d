namespace LlmLoad.Simulator.Metrics;

/// <summary>
/// Histogram bucket bounds, in seconds. The vLLM ones are copied from vLLM's <c>PrometheusStatLogger</c>
/// (vllm/v1/metrics/loggers.py, unchanged from v0.9 through v0.12), so dashboards and
/// <c>histogram_quantile</c> queries built for vLLM give the same answers against the simulator.
/// </summary>
internal static class VllmBuckets
{
    public static IReadOnlyList<double> TimeToFirstToken { get; } =
    [
        0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75,
        1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0,
    ];

    public static IReadOnlyList<double> InterTokenLatency { get; } =
    [
        0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75,
        1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0,
    ];

    /// <summary>vLLM's <c>request_latency_buckets</c>, shared by e2e latency and queue time.</summary>
    public static IReadOnlyList<double> RequestLatency { get; } =
    [
        0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0,
        40.0, 50.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 7680.0,
    ];

    /// <summary>
    /// Not vLLM's: the simulator's own send lag. A healthy simulator is late by tens of microseconds, so the
    /// fine end separates "fine" from "the thread pool is starved" long before the lag shows in client ITL.
    /// </summary>
    public static IReadOnlyList<double> SendLag { get; } =
    [
        0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1,
    ];
}
