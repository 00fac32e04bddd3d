using LlmLoad.Traffic;

namespace LlmLoad.Engine;

/// <summary>
/// Which requests are left out of the statistics: the first N requests, the requests scheduled within
/// the first D of the run, and those of warm-up and cool-down stages.
/// </summary>
internal sealed class WarmupRule(LoadShape shape)
{
    public bool IsWarmup(long seq, TimeSpan scheduledOffset, Stage? stage)
        => seq < shape.WarmupRequests || scheduledOffset < shape.WarmupDuration || stage is { Measured: false };
}
