using LlmLoad.Pricing;

namespace LlmLoad.Estimate;

/// <summary>
/// What a run is expected to send and cost, before it is run (<c>llmload estimate</c>, the budget's pre-run check).
/// Low and high are the expected totals minus and plus <see cref="RunEstimator.Spread"/> standard deviations of the total.
/// </summary>
/// <param name="Requests">Requests sent, warm-up included; null when the count cannot be known (a closed loop for a time).</param>
/// <param name="RequestsBasis">Where the count comes from, or why there is none.</param>
/// <param name="InputTokens">Total input tokens; null without a count.</param>
/// <param name="OutputTokens">Total output tokens, every response running to its max_tokens; null without a count.</param>
/// <param name="PerRequest">Expected input and output tokens of one request.</param>
/// <param name="Price">The price used; null when the model has none.</param>
/// <param name="CostUsd">Total cost; null without a price or a count.</param>
/// <param name="PerRequestCostUsd">Expected cost of one request; null without a price.</param>
/// <param name="BudgetUsd">The run's cap, if any.</param>
/// <param name="Notes">Assumptions and caveats, in words.</param>
internal sealed record RunEstimate(
    string Model,
    EstimateRange? Requests,
    string RequestsBasis,
    EstimateRange? InputTokens,
    EstimateRange? OutputTokens,
    (decimal Input, decimal Output) PerRequest,
    ModelPrice? Price,
    EstimateRange? CostUsd,
    decimal? PerRequestCostUsd,
    decimal? BudgetUsd,
    IReadOnlyList<string> Notes)
{
    /// <summary>True when the expected cost is above the cap; null without a cap or an expected cost.</summary>
    public bool? ExceedsBudget => BudgetUsd is { } cap && CostUsd is { } cost ? cost.Expected > cap : null;
}
