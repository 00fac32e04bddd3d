namespace LlmLoad.Providers;

/// <summary>
/// Refusals that waiting does not cure, whatever their status: an exhausted quota or billing limit, and a prompt
/// longer than the model's context (docs: /work/shared/reference/wire-formats.md §2, the OpenAI SDK's rules and the
/// Dev Proxy list of non-retryable 429 codes; Anthropic's <c>enforced_spend_limit_reached</c>).
/// </summary>
internal static class NonRetryableErrors
{
    private static readonly string[] Codes =
    [
        "insufficient_quota", "billing", "credit_balance", "spend_limit", "usage_limit_exceeded", "context_length_exceeded",
        "prompt is too long", "maximum context length",
    ];

    /// <summary>True when the error body names one of them.</summary>
    public static bool Matches(ReadOnlySpan<byte> body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body);
        foreach (var code in Codes)
        {
            if (text.Contains(code, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
