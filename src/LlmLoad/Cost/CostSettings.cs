using LlmLoad.Pricing;

namespace LlmLoad.Cost;

/// <summary>What a run is priced at and how much it may spend; part of <c>RunOptions</c>.</summary>
/// <param name="Price">The model's price, or null when none is known (then nothing is priced and <paramref name="Unpriced"/> says why).</param>
/// <param name="Unpriced">Why there is no price: names the model and how to add one; null when priced.</param>
/// <param name="BudgetUsd">The hard cap (<c>--budget-usd</c>, <c>limits.budget_usd</c>), or null for none.</param>
/// <param name="TargetRate">Requests per second the cost is projected to (<c>--target-rate</c>, <c>pricing.target_rate</c>); null projects the run's own achieved rate.</param>
internal sealed record CostSettings(ModelPrice? Price, string? Unpriced, decimal? BudgetUsd, decimal? TargetRate)
{
    public static CostSettings None { get; } = new(null, null, null, null);
}
