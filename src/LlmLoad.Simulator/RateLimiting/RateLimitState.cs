namespace LlmLoad.Simulator.RateLimiting;

internal enum RateLimitKind
{
    Requests,
    Tokens,
    InputTokens,
    OutputTokens,

    /// <summary>The per-key cap on requests in flight (<see cref="RateLimits.MaxConcurrentRequests"/>): no bucket, no reset.</summary>
    Concurrency,
}

/// <summary>One bucket as the response headers report it: its limit, what is left, and how long until it is full again.</summary>
internal readonly record struct RateLimitState(RateLimitKind Kind, long Limit, long Remaining, TimeSpan ResetIn);

/// <summary>
/// The outcome of admitting one request: the state of every bucket that applies (for the headers on
/// every response) and, when refused, which bucket refused it and how long until it would fit.
/// </summary>
internal sealed record RateLimitDecision(IReadOnlyList<RateLimitState> States, RateLimitState? Exceeded, long Requested, TimeSpan? RetryAfter)
{
    public static RateLimitDecision Unlimited { get; } = new([], null, 0, null);

    public bool Allowed => Exceeded is null;

    /// <summary>Which wait headers the refusal carries (<see cref="RateLimits.RetryAfter"/>).</summary>
    public RetryAfterStyle RetryAfterStyle { get; init; }

    /// <summary>The same bucket states, refused by the per-key concurrency cap of <paramref name="limit"/> requests.</summary>
    public RateLimitDecision RefusedForConcurrency(int limit, TimeSpan retryAfter)
        => this with { Exceeded = new RateLimitState(RateLimitKind.Concurrency, limit, 0, TimeSpan.Zero), Requested = 1, RetryAfter = retryAfter };
}
