namespace LlmLoad.Providers;

/// <summary>
/// Which limit refused a 429, a sub-class of <see cref="ErrorClass.RateLimited"/>: a per-minute budget (requests,
/// tokens, Anthropic's input or output tokens), a cap on requests in flight per key, or an exhausted quota or balance
/// (which no waiting fixes).
/// </summary>
internal enum RefusalKind
{
    Unknown,
    Requests,
    Tokens,
    InputTokens,
    OutputTokens,
    Concurrency,
    Quota,
}

internal static class RefusalKindNames
{
    /// <summary>The <c>rate_limit_kind</c> value in requests.jsonl and summary.json.</summary>
    public static string ToWireName(this RefusalKind kind) => kind switch
    {
        RefusalKind.Requests => "requests",
        RefusalKind.Tokens => "tokens",
        RefusalKind.InputTokens => "input_tokens",
        RefusalKind.OutputTokens => "output_tokens",
        RefusalKind.Concurrency => "concurrency",
        RefusalKind.Quota => "quota",
        _ => "unknown",
    };

    /// <summary>A per-minute budget, which the limits and the workload's tokens per request explain.</summary>
    public static bool IsPerMinute(this RefusalKind kind) => kind is RefusalKind.Requests or RefusalKind.Tokens or RefusalKind.InputTokens or RefusalKind.OutputTokens;
}
