using LlmLoad.Pricing;
using LlmLoad.Shared;

namespace LlmLoad.Cost;

/// <summary>The cost of a set of requests, by kind of token; exact. Not thread-safe: the recorder feeds it from one thread.</summary>
internal sealed class CostTally
{
    /// <summary>Requests added.</summary>
    public long Requests { get; private set; }

    public TokenCost Cost { get; private set; }

    public decimal TotalUsd => Cost.TotalUsd;

    /// <summary>The mean cost of a request, or null when there is none.</summary>
    public decimal? PerRequestUsd => Requests > 0 ? Math.Round(TotalUsd / Requests, Usd.MeanDecimals) : null;

    public void Add(TokenCost cost)
    {
        Requests++;
        Cost = new TokenCost(Cost.InputUsd + cost.InputUsd, Cost.CachedInputUsd + cost.CachedInputUsd, Cost.OutputUsd + cost.OutputUsd);
    }
}
