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

    /// <summary>
    /// A second, shorter window over every per-minute limit, as Azure OpenAI checks its RPM and TPM "over a small period
    /// of time, typically 1 or 10 seconds" (wire-formats.md §4): a bucket holding limit × window / 60 that refills at the
    /// same rate, so a burst is refused though the minute's total would fit. Null checks the minute only.
    /// </summary>
    public TimeSpan? ShortWindow { get; init; }

    /// <summary>
    /// The most requests one API key may have in flight (admitted and not yet answered in full); one more is refused
    /// with a 429 in the API's shape that names concurrency, whatever the per-minute buckets hold. Null is no cap.
    /// </summary>
    public int? MaxConcurrentRequests { get; init; }

    /// <summary>Which wait headers a 429 carries: each provider's own (the default), or one of them, or none.</summary>
    public RetryAfterStyle RetryAfter { get; init; } = RetryAfterStyle.Provider;

    /// <summary>Whether any limit is set: with none, the server neither counts nor sends rate-limit headers.</summary>
    public bool Any => (RequestsPerMinute ?? TokensPerMinute ?? InputTokensPerMinute ?? OutputTokensPerMinute) is not null;
}
