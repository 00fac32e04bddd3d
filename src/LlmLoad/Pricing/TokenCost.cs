namespace LlmLoad.Pricing;

/// <summary>What a number of tokens costs, in USD, by kind of token; exact <see cref="decimal"/> arithmetic.</summary>
internal readonly record struct TokenCost(decimal InputUsd, decimal CachedInputUsd, decimal OutputUsd)
{
    public decimal TotalUsd => InputUsd + CachedInputUsd + OutputUsd;

    /// <summary>The cost of <paramref name="factor"/> times as many tokens (requests per hour, a count of requests).</summary>
    public TokenCost Times(decimal factor) => new(InputUsd * factor, CachedInputUsd * factor, OutputUsd * factor);
}
