namespace LlmLoad.Planning;

/// <summary>What one level of load asks of an API (the peak, the peak with headroom, with growth too).</summary>
/// <param name="RequestsPerSecond">Arrivals per second.</param>
/// <param name="InputTokensPerMinute">Input tokens per minute: rate × 60 × average input tokens.</param>
/// <param name="OutputTokensPerMinute">Output tokens per minute: rate × 60 × average output tokens.</param>
/// <param name="Concurrency">Requests in flight by Little's law (rate × response time); null without a response time.</param>
internal sealed record LoadLevel(decimal RequestsPerSecond, decimal InputTokensPerMinute, decimal OutputTokensPerMinute, decimal? Concurrency)
{
    public decimal RequestsPerMinute => RequestsPerSecond * 60;

    /// <summary>Input + output tokens per minute: what OpenAI's TPM limit counts.</summary>
    public decimal TokensPerMinute => InputTokensPerMinute + OutputTokensPerMinute;

    /// <summary>The same load <paramref name="factor"/> times over.</summary>
    public LoadLevel Times(decimal factor)
        => new(RequestsPerSecond * factor, InputTokensPerMinute * factor, OutputTokensPerMinute * factor, Concurrency * factor);
}
