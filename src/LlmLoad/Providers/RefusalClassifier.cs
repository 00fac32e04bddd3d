using System.Text;

namespace LlmLoad.Providers;

/// <summary>
/// Tells which limit a 429 hit, from what the providers put in it. The body first, because it names the limit:
/// OpenAI "on tokens per min (TPM)" / "requests per min (RPM)" and <c>"type":"tokens"</c>; Azure "token rate limit" /
/// "call rate limit"; Anthropic "input tokens per minute", "output tokens", "Number of concurrent connections has
/// exceeded your rate limit"; Gemini's quota metric <c>…input_token_count</c> / <c>…requests</c>; quota and billing
/// codes (<c>insufficient_quota</c>, spend limits). Then the headers: a bucket at 0 remaining names it, and a refusal
/// while every announced bucket still has room is the concurrency cap, which has no header of its own.
/// </summary>
internal static class RefusalClassifier
{
    public static RefusalKind Classify(ReadOnlySpan<byte> body, RateLimitObservation observed)
    {
        var text = Encoding.UTF8.GetString(body).ToLowerInvariant();
        if (text.Contains("concurren", StringComparison.Ordinal) || text.Contains("parallel request", StringComparison.Ordinal))
        {
            return RefusalKind.Concurrency;
        }

        if (text.Contains("insufficient_quota", StringComparison.Ordinal) || text.Contains("spend_limit", StringComparison.Ordinal)
            || text.Contains("credit_balance", StringComparison.Ordinal) || text.Contains("billing_error", StringComparison.Ordinal))
        {
            return RefusalKind.Quota;
        }

        if (text.Contains("input tokens", StringComparison.Ordinal) || text.Contains("input_token", StringComparison.Ordinal))
        {
            return RefusalKind.InputTokens;
        }

        if (text.Contains("output tokens", StringComparison.Ordinal) || text.Contains("output_token", StringComparison.Ordinal))
        {
            return RefusalKind.OutputTokens;
        }

        if (text.Contains("(tpm)", StringComparison.Ordinal) || text.Contains("token rate limit", StringComparison.Ordinal)
            || text.Contains("\"type\":\"tokens\"", StringComparison.Ordinal) || text.Contains("request tokens", StringComparison.Ordinal))
        {
            return RefusalKind.Tokens;
        }

        if (text.Contains("(rpm)", StringComparison.Ordinal) || text.Contains("call rate limit", StringComparison.Ordinal)
            || text.Contains("\"type\":\"requests\"", StringComparison.Ordinal) || text.Contains("requests per minute", StringComparison.Ordinal)
            || text.Contains("requestsperminute", StringComparison.Ordinal))
        {
            return RefusalKind.Requests;
        }

        return FromHeaders(observed);
    }

    private static RefusalKind FromHeaders(RateLimitObservation observed)
    {
        if (observed.RemainingTokens == 0)
        {
            return RefusalKind.Tokens;
        }

        if (observed.InputTokens.Remaining == 0)
        {
            return RefusalKind.InputTokens;
        }

        if (observed.OutputTokens.Remaining == 0)
        {
            return RefusalKind.OutputTokens;
        }

        if (observed.RemainingRequests == 0)
        {
            return RefusalKind.Requests;
        }

        return observed.RemainingRequests > 0 || observed.RemainingTokens > 0 ? RefusalKind.Concurrency : RefusalKind.Unknown;
    }
}
