namespace LlmLoad.Analysis;

/// <summary>The latency distributions a run keeps, with their names in summary.json.</summary>
internal enum LatencyMetric
{
    Ttft,
    Tpot,
    Itl,
    ChunkGap,
    E2e,
    ScheduleLag,
    TtftFromScheduled,
    E2eFromScheduled,

    /// <summary>Time to the first answer token, after any reasoning (equal to TTFT without reasoning).</summary>
    Ttfo,
}

internal static class LatencyMetricNames
{
    public static IReadOnlyList<LatencyMetric> All { get; } = Enum.GetValues<LatencyMetric>();

    /// <summary>
    /// The distributions of an answer that arrives whole (embeddings): its latency, but no TTFT, TPOT, ITL or
    /// chunk gaps, which time tokens arriving one after another.
    /// </summary>
    public static IReadOnlyList<LatencyMetric> OfWholeAnswers { get; } = [LatencyMetric.E2e, LatencyMetric.ScheduleLag, LatencyMetric.E2eFromScheduled];

    public static string ToWireName(this LatencyMetric metric) => metric switch
    {
        LatencyMetric.Ttft => "ttft",
        LatencyMetric.Tpot => "tpot",
        LatencyMetric.Itl => "itl",
        LatencyMetric.ChunkGap => "chunk_gap",
        LatencyMetric.E2e => "e2e",
        LatencyMetric.ScheduleLag => "schedule_lag",
        LatencyMetric.TtftFromScheduled => "ttft_from_scheduled",
        LatencyMetric.E2eFromScheduled => "e2e_from_scheduled",
        LatencyMetric.Ttfo => "ttfo",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };
}
