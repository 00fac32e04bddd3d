namespace LlmLoad.Analysis;

/// <summary>Summary statistics of one latency distribution, in milliseconds.</summary>
internal sealed record LatencyStats(long Count, double Mean, double StdDev, double Min, double P50, double P90, double P95, double P99, double P999, double Max)
{
    public static LatencyStats Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
