
namespace LlmLoad.Analysis.Slo;

/// <summary>The statistic of a latency distribution an objective bounds, named as in summary.json.</summary>
internal enum SloStatistic
{
    Mean,
    P50,
    P90,
    P95,
    P99,
    P999,
    Max,
    Min,
}

internal static class SloStatisticNames
{
    public static IReadOnlyList<SloStatistic> All { get; } = Enum.GetValues<SloStatistic>();

    public static string Expected { get; } = string.Join(", ", All.Select(s => s.ToWireName()));

    public static string ToWireName(this SloStatistic statistic) => statistic == SloStatistic.P999 ? "p99_9" : statistic.ToString().ToLowerInvariant();

    public static double Of(this SloStatistic statistic, LatencyStats stats) => statistic switch
    {
        SloStatistic.Mean => stats.Mean,
        SloStatistic.P50 => stats.P50,
        SloStatistic.P90 => stats.P90,
        SloStatistic.P95 => stats.P95,
        SloStatistic.P99 => stats.P99,
        SloStatistic.P999 => stats.P999,
        SloStatistic.Max => stats.Max,
        _ => stats.Min,
    };
}
