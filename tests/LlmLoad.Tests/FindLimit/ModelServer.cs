using LlmLoad.Analysis.Slo;
using LlmLoad.FindLimit;
using Microsoft.Extensions.Time.Testing;

namespace LlmLoad.Tests.FindLimit;

/// <summary>
/// A step runner that answers from a model of a server instead of sending anything: throughput follows the
/// load up to <paramref name="capacity"/> req/s (or, by concurrency, up to <paramref name="slots"/> in flight at
/// <paramref name="perSlot"/> req/s each); past it the queue grows. P95 TTFT is 100 ms up to
/// <paramref name="sloLimit"/>, 900 ms above it, against the objective ttft.p95&lt;500ms. Each step advances the fake clock by its duration.
/// </summary>
internal sealed class ModelServer(FakeTimeProvider time, TimeSpan stepDuration, double capacity = double.MaxValue, double sloLimit = double.MaxValue, int slots = int.MaxValue, double perSlot = 1) : IStepRunner
{
    public static readonly ServiceLevelObjective TtftP95Under500Ms = Slo("ttft.p95<500ms");

    public List<StepPlan> Plans { get; } = [];

    /// <summary>Cancelled when the step with this index starts, as a Ctrl-C during it would.</summary>
    public int? InterruptAtStep { get; init; }

    public CancellationTokenSource Interrupt { get; } = new();

    /// <summary>What each request costs; null for an unpriced model.</summary>
    public decimal? CostPerRequestUsd { get; init; }

    /// <summary>A cap on what all steps together spend, as the runner's budget guard holds it: a step stops at the request that would cross it.</summary>
    public decimal? BudgetUsd { get; init; }

    /// <summary>What the steps so far cost.</summary>
    public decimal SpentUsd { get; private set; }

    public Task<StepMeasurement> RunAsync(StepPlan plan, CancellationToken interrupt)
    {
        Plans.Add(plan);
        var interrupted = plan.Index == InterruptAtStep;
        if (interrupted)
        {
            Interrupt.Cancel();
        }

        time.Advance(interrupted ? stepDuration / 2 : stepDuration);
        var byConcurrency = slots != int.MaxValue;
        var achieved = byConcurrency ? Math.Min(plan.Load, slots) * perSlot : Math.Min(plan.Load, capacity);
        var requests = (long)Math.Ceiling(achieved * stepDuration.TotalSeconds);
        if (plan.MaxRequests is { } cap)
        {
            requests = Math.Min(requests, cap);
        }

        var budgetStopped = false;
        if (CostPerRequestUsd is { } each && BudgetUsd is { } budget && SpentUsd + (requests * each) > budget)
        {
            (requests, budgetStopped) = ((long)((budget - SpentUsd) / each), true);
        }

        SpentUsd += requests * (CostPerRequestUsd ?? 0);

        var queueing = byConcurrency ? plan.Load > slots : plan.Load > capacity;
        return Task.FromResult(new StepMeasurement
        {
            Load = plan.Load,
            OfferedRate = byConcurrency ? null : plan.Load,
            AchievedRate = achieved,
            Trend = new TtftTrend(50, queueing && !byConcurrency ? 400 : 52),
            TtftP50Ms = queueing ? 400 : 50,
            Slos = [new SloResult(TtftP95Under500Ms, plan.Load > sloLimit ? 900 : 100)],
            Requests = requests,
            E2eMeanMs = 1000,
            StoppedBy = interrupted ? LlmLoad.Engine.StopReason.Interrupted : budgetStopped ? LlmLoad.Engine.StopReason.Budget : LlmLoad.Engine.StopReason.Duration,
            CostUsd = CostPerRequestUsd is { } perRequest ? requests * perRequest : null,
        });
    }

    public static ServiceLevelObjective Slo(string text)
        => SloParser.TryParse(text, out var objective, out var error) ? objective : throw new ArgumentException(error);
}
