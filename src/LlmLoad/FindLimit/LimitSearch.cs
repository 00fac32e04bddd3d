using System.Globalization;
using LlmLoad.Engine;
using LlmLoad.Shared;

namespace LlmLoad.FindLimit;

/// <summary>
/// The search (docs/find-limit.md): from the start load, multiply by <see cref="FindLimitSettings.Factor"/>
/// until a step fails; bisect between the last passing and the first failing load until they are within the
/// tolerance (the knee); then, if no step has shown the server saturated yet, climb on and bisect the same
/// way for the saturation point. Each next load follows from the steps so far, so a step that fails or
/// passes out of turn (noise) only moves the brackets. The budgets are checked before each step; the cost
/// budget also during it (the runner's guard), and a step it stops ends the search.
/// </summary>
internal sealed class LimitSearch(FindLimitSettings settings, IStepRunner runner, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Called before each step runs.</summary>
    public Action<StepPlan>? StepStarting { get; init; }

    /// <summary>Called after each step is judged, for output that must survive a Ctrl-C.</summary>
    public Action<StepResult, IReadOnlyList<StepResult>>? StepFinished { get; init; }

    public async Task<FindLimitResult> RunAsync(CancellationToken interrupt)
    {
        var started = _time.GetTimestamp();
        var steps = new List<StepResult>();
        long sent = 0;
        decimal spentUsd = 0;
        var stoppedBecause = "both limits bracketed within the tolerance";
        var budgetRanOut = false;
        var interrupted = false;
        while (true)
        {
            if (interrupt.IsCancellationRequested)
            {
                (interrupted, stoppedBecause) = (true, "interrupted");
                break;
            }

            if (NextLoad(steps) is not (var load, var purpose))
            {
                stoppedBecause = steps.Count >= FindLimitSettings.MaxSteps ? $"the most steps a search may run ({FindLimitSettings.MaxSteps}) have run"
                    : Bracket.Knee(steps) is { Below: null, Above: not null } ? "the first step already failed"
                    : stoppedBecause;
                break;
            }

            if (OverBudget(load, steps, sent, spentUsd, _time.GetElapsedTime(started)) is { } budget)
            {
                (budgetRanOut, stoppedBecause) = (true, $"{budget} before {purpose} ({settings.By.Format(load)})");
                break;
            }

            var plan = new StepPlan(steps.Count + 1, load, settings.MaxRequests - sent);
            StepStarting?.Invoke(plan);
            var measurement = await runner.RunAsync(plan, interrupt).ConfigureAwait(false);
            sent += measurement.Requests;
            spentUsd += measurement.CostUsd ?? 0;
            var lowest = steps.Where(s => s.Complete).MinBy(s => s.Load);
            var step = StepJudge.Judge(plan.Index, measurement, settings.By, UnsaturatedBelow(steps, load)?.Measurement, lowest?.Measurement);
            steps.Add(step);
            StepFinished?.Invoke(step, steps);
            if (measurement.Interrupted)
            {
                (interrupted, stoppedBecause) = (true, "interrupted");
                break;
            }

            if (measurement.StoppedBy == StopReason.Budget)
            {
                (budgetRanOut, stoppedBecause) = (true, $"the cost budget ran out during step {plan.Index} ({Usd.Format(spentUsd)} of {Usd.Format(settings.BudgetUsd ?? 0)} spent)");
                break;
            }
        }

        return new FindLimitResult(settings, steps, Outcome(steps, interrupted), stoppedBecause, budgetRanOut, _time.GetElapsedTime(started).TotalSeconds, sent);
    }

    /// <summary>The next load to try and why, or null when both limits are bracketed (or the first step failed).</summary>
    private (double Load, string Purpose)? NextLoad(List<StepResult> steps)
    {
        if (steps.Count >= FindLimitSettings.MaxSteps)
        {
            return null;
        }

        var highest = steps.Where(s => s.Complete).Select(s => s.Load).DefaultIfEmpty(0).Max();
        if (highest == 0)
        {
            return (settings.Start, "the first step");
        }

        var knee = Bracket.Knee(steps);
        if (knee.Above is null)
        {
            return (Climb(highest), "climbing to the first failing step");
        }

        if (knee.Below is null)
        {
            return null;
        }

        if (!knee.IsNarrow(settings.By, settings.Tolerance) && knee.Midpoint(settings.By) is { } kneeMiddle)
        {
            return (kneeMiddle, "bisecting the knee");
        }

        var saturation = Bracket.Saturation(steps);
        if (saturation.Above is null)
        {
            return (Climb(highest), "climbing to saturation");
        }

        return !saturation.IsNarrow(settings.By, settings.Tolerance) && saturation.Midpoint(settings.By) is { } saturationMiddle
            ? (saturationMiddle, "bisecting the saturation point")
            : null;
    }

    private double Climb(double load) => settings.By == LoadAxis.Concurrency ? Math.Ceiling(load * FindLimitSettings.Factor) : load * FindLimitSettings.Factor;

    /// <summary>Which budget the next step would overrun, or null when it fits.</summary>
    private string? OverBudget(double load, List<StepResult> steps, long sent, decimal spentUsd, TimeSpan elapsed)
    {
        var worstCase = settings.StepDuration + settings.StepGrace;
        if (elapsed + worstCase > settings.MaxTime)
        {
            return $"the time budget ran out ({DurationText.Format(elapsed)} of {DurationText.Format(settings.MaxTime)} used, a step takes up to {DurationText.Format(worstCase)})";
        }

        var needed = ExpectedRequests(load, steps);
        if (settings.MaxRequests is { } budget && sent + needed > budget)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the request budget ran out ({sent} of {budget} sent, the next step needs about {needed})");
        }

        // Priced by what the steps so far cost per request; the first step has nothing to go by, and the guard caps it.
        if (settings.BudgetUsd is { } cap && sent > 0 && spentUsd / sent * needed is var neededUsd && spentUsd + neededUsd > cap)
        {
            return $"the cost budget ran out ({Usd.Format(spentUsd)} of {Usd.Format(cap)} spent, the next step would cost about {Usd.Format(neededUsd)})";
        }

        return null;
    }

    /// <summary>
    /// Requests a step will send: rate × duration on the rate axis; on the concurrency axis the throughput of
    /// the nearest step below scaled to the load (at least one per user). The step is also capped at what
    /// is left of the budget, so an estimate that falls short cannot overspend it.
    /// </summary>
    private long ExpectedRequests(double load, List<StepResult> steps)
    {
        var seconds = settings.StepDuration.TotalSeconds;
        if (settings.By == LoadAxis.Rate)
        {
            return (long)Math.Ceiling(load * seconds);
        }

        var below = steps.Where(s => s.Complete && s.Load <= load).MaxBy(s => s.Load);
        var perSecond = below is null ? 0 : below.Measurement.AchievedRate * load / below.Load;
        return Math.Max((long)Math.Ceiling(load), (long)Math.Ceiling(perSecond * seconds));
    }

    private static StepResult? UnsaturatedBelow(List<StepResult> steps, double load)
        => steps.Where(s => s.Complete && s.Load < load && !s.Verdict.IsCapacityBreak()).MaxBy(s => s.Load);

    private static FindLimitOutcome Outcome(List<StepResult> steps, bool interrupted)
    {
        if (interrupted)
        {
            return FindLimitOutcome.Interrupted;
        }

        return Bracket.Knee(steps) switch
        {
            { Below: not null, Above: not null } => FindLimitOutcome.KneeFound,
            { Above: not null } => FindLimitOutcome.FirstStepFailed,
            _ => FindLimitOutcome.NoBreak,
        };
    }
}
