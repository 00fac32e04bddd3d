namespace LlmLoad.Providers;

/// <summary>The names under which one API family sends its limit and remaining counts (docs/metrics.md, "Rate limits").</summary>
internal sealed record RateLimitHeaders(string LimitRequests, string RemainingRequests, string LimitTokens, string RemainingTokens)
{
    /// <summary>OpenAI's, also sent by Azure OpenAI, vLLM gateways and the built-in simulator's chat completions.</summary>
    public static RateLimitHeaders OpenAi { get; } = new("x-ratelimit-limit-requests", "x-ratelimit-remaining-requests", "x-ratelimit-limit-tokens", "x-ratelimit-remaining-tokens");

    public static RateLimitHeaders Anthropic { get; } = new("anthropic-ratelimit-requests-limit", "anthropic-ratelimit-requests-remaining", "anthropic-ratelimit-tokens-limit", "anthropic-ratelimit-tokens-remaining");
}
