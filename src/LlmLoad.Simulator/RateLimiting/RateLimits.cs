namespace LlmLoad.Simulator.RateLimiting;

/// <summary>
/// Per-minute limits, each a bucket that refills continuously (limit / 60 per second) and starts full,
/// as the hosted APIs describe theirs. OpenAI's endpoint counts requests and tokens (prompt + max output,
/// estimated at admission); Anthropic's counts requests, input tokens and output tokens (max_tokens at
/// admission) in separate buckets. Null means no limit; with none set, no rate-limit headers are sent.
/// </summary>
public sealed record RateLimits
{
    public long? RequestsPerMinute { get; init; }

    /// <summary>OpenAI style: prompt + max output tokens of each request.</summary>
    public long? TokensPerMinute { get; init; }

    /// <summary>Anthropic style (ITPM): prompt tokens of each request.</summary>
    public long? InputTokensPerMinute { get; init; }

    /// <summary>Anthropic style (OTPM): max_tokens of each request.</summary>
    public long? OutputTokensPerMinute { get; init; }
}
