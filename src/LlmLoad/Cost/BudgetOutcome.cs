namespace LlmLoad.Cost;

/// <summary>How a run's budget ended, for summary.json and the console.</summary>
/// <param name="CapUsd">The cap.</param>
/// <param name="SpentUsd">What the run's requests cost, warm-up included.</param>
/// <param name="Stopped">True when a request was refused: sending stopped there.</param>
/// <param name="RefusedWorstCaseUsd">The worst case of the refused request (0 when none was).</param>
/// <param name="Overruns">Requests that cost more than their reservation.</param>
internal sealed record BudgetOutcome(decimal CapUsd, decimal SpentUsd, bool Stopped, decimal RefusedWorstCaseUsd, long Overruns)
{
    public static BudgetOutcome Of(BudgetGuard guard)
        => new(guard.CapUsd, guard.SpentUsd, guard.Exhausted, guard.RefusedWorstCaseUsd, guard.Overruns);
}
