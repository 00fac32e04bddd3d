namespace LlmLoad.Engine;

/// <summary>Warm-up is the first N requests, or the requests scheduled within the first D of the run.</summary>
internal sealed class WarmupRule(LoadShape shape)
{
    public bool IsWarmup(long seq, TimeSpan scheduledOffset)
        => seq < shape.WarmupRequests || scheduledOffset < shape.WarmupDuration;
}
