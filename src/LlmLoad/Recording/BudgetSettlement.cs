using LlmLoad.Cost;

namespace LlmLoad.Recording;

/// <summary>
/// Replaces each request's reservation with what it cost. Only now are its tokens counted: until then the
/// request's worst case stays reserved, which errs on the safe side.
/// </summary>
internal sealed class BudgetSettlement(BudgetGuard budget) : IRequestSink
{
    public void OnRecord(RequestMeasurement measurement)
    {
        if (measurement.Plan is { } plan)
        {
            budget.Settle(plan, measurement.Record.CostUsd ?? 0);
        }
    }
}
