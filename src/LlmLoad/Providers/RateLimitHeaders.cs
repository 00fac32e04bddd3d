namespace LlmLoad.Providers;

/// <summary>The names under which one API family sends its limit and remaining counts (docs/metrics.md, "Rate limits").</summary>
internal sealed record RateLimitHeaders(string LimitRequests, string RemainingRequests, string LimitTokens, string RemainingTokens)
{
    /// <summary>OpenAI's, also sent by Azure OpenAI, vLLM gateways and the built-in simulator's chat completions.</summary>
    public static RateLimitHeaders OpenAi { get; } = new("x-ratelimit-limit-requests", "x-ratelimit-remaining-requests", "x-ratelimit-limit-tokens", "x-ratelimit-remaining-tokens")
    {
        ResetRequests = "x-ratelimit-reset-requests",
        ResetTokens = "x-ratelimit-reset-tokens",
    };

    /// <summary>Anthropic's: the combined token family is "the most restrictive" one; input (ITPM) and output (OTPM) come apart too.</summary>
    public static RateLimitHeaders Anthropic { get; } = new("anthropic-ratelimit-requests-limit", "anthropic-ratelimit-requests-remaining", "anthropic-ratelimit-tokens-limit", "anthropic-ratelimit-tokens-remaining")
    {
        ResetRequests = "anthropic-ratelimit-requests-reset",
        ResetTokens = "anthropic-ratelimit-tokens-reset",
        InputTokens = BucketHeaders.Anthropic("input-tokens"),
        OutputTokens = BucketHeaders.Anthropic("output-tokens"),
    };

    /// <summary>When the request bucket is full again: a Go duration (OpenAI) or an RFC 3339 instant (Anthropic).</summary>
    public string? ResetRequests { get; init; }

    public string? ResetTokens { get; init; }

    /// <summary>A separate input-token limit (Anthropic's ITPM); null for an API with one token limit.</summary>
    public BucketHeaders? InputTokens { get; init; }

    /// <summary>A separate output-token limit (Anthropic's OTPM).</summary>
    public BucketHeaders? OutputTokens { get; init; }
}
