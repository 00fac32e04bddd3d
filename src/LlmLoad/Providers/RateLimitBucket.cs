namespace LlmLoad.Providers;

/// <summary>What a response said about one limit: its size, what is left, and seconds until it is full again (each null when not sent).</summary>
internal readonly record struct RateLimitBucket(long? Limit, long? Remaining, double? ResetSeconds)
{
    public bool IsEmpty => this == default;
}
