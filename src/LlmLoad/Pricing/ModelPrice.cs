namespace LlmLoad.Pricing;

/// <summary>A model's list price in USD per 1M tokens, with where the figures come from.</summary>
/// <param name="Model">The name the price is listed under (a dated snapshot is priced as its base name).</param>
/// <param name="InputPerMillion">Uncached input (prompt) tokens.</param>
/// <param name="CachedInputPerMillion">Input tokens read from the provider's prompt cache.</param>
/// <param name="OutputPerMillion">Output (generated) tokens, reasoning tokens included.</param>
/// <param name="Source">Where the figures were read: a price list and its version, or the user's pricing file.</param>
/// <param name="AsOf">The date the figures are known to be current at (yyyy-mm-dd), or null when the source gives none.</param>
internal sealed record ModelPrice(
    string Model, decimal InputPerMillion, decimal CachedInputPerMillion, decimal OutputPerMillion, string Source, string? AsOf)
{
    private const decimal Million = 1_000_000m;

    /// <summary>The cost of the given tokens. Counts may be fractional (averages times a rate).</summary>
    /// <param name="uncachedInputTokens">Input tokens billed at the full input price (OpenAI: prompt_tokens − cached_tokens; Anthropic: input_tokens).</param>
    /// <param name="cachedInputTokens">Input tokens read from the cache (OpenAI: cached_tokens; Anthropic: cache_read_input_tokens).</param>
    /// <param name="outputTokens">Generated tokens.</param>
    public TokenCost Cost(decimal uncachedInputTokens, decimal cachedInputTokens, decimal outputTokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(uncachedInputTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(cachedInputTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(outputTokens);
        return new TokenCost(
            uncachedInputTokens * InputPerMillion / Million,
            cachedInputTokens * CachedInputPerMillion / Million,
            outputTokens * OutputPerMillion / Million);
    }

    /// <summary>The total of <see cref="Cost"/>, in USD: what one request's <c>cost_usd</c> is.</summary>
    public decimal CostUsd(decimal uncachedInputTokens, decimal cachedInputTokens, decimal outputTokens)
        => Cost(uncachedInputTokens, cachedInputTokens, outputTokens).TotalUsd;
}
