using LlmLoad.FindLimit;
using Microsoft.Extensions.Time.Testing;

namespace LlmLoad.Tests.FindLimit;

public sealed class LimitSearchTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RunAsync_ServerWithCapacity_BisectsToTheCapacityWithinTheTolerance()
    {
        var time = new FakeTimeProvider();
        var server = new ModelServer(time, Step, capacity: 88.7);

        var result = await Search(time, server, new FindLimitSettings { Start = 1, MaxTime = TimeSpan.FromHours(1) });

        Assert.Equal(FindLimitOutcome.KneeFound, result.Outcome);
        Assert.False(result.BudgetRanOut);
        // Doubling 1, 2, 4 … 64 passes and 128 saturates; bisection then closes in on 88.7 from both sides.
        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 128], server.Plans.Take(8).Select(p => p.Load));
        AssertBracket(result.Knee, 88.7, 0.05);
        AssertBracket(result.Saturation, 88.7, 0.05);
        Assert.Equal(StepVerdict.Saturated, result.Steps[7].Verdict);
    }

    [Fact]
    public async Task RunAsync_SloFailsBeforeSaturation_BisectsTheKneeThenClimbsToSaturation()
    {
        var time = new FakeTimeProvider();
        var server = new ModelServer(time, Step, capacity: 50, sloLimit: 12);

        var result = await Search(time, server, new FindLimitSettings { Start = 1, MaxTime = TimeSpan.FromHours(1) });

        Assert.Equal(FindLimitOutcome.KneeFound, result.Outcome);
        AssertBracket(result.Knee, 12, 0.05);
        Assert.Equal(StepVerdict.SloFailed, result.Knee.Above!.Verdict);
        AssertBracket(result.Saturation, 50, 0.05);
        // The knee is bracketed before the search climbs on: no step above 16 runs until 12 is pinned down.
        var firstAbove16 = server.Plans.FindIndex(p => p.Load > 16);
        Assert.True(server.Plans.Take(firstAbove16).Count(p => p.Load is > 8 and < 16) >= 3, string.Join(", ", server.Plans.Select(p => p.Load)));
    }

    [Fact]
    public async Task RunAsync_QueueGrowsWhileThroughputStillFollows_IsAQueueGrowingBreak()
    {
        var time = new FakeTimeProvider();
        // At 10.5 req/s offered the model achieves 10 (95%: not saturated) but its TTFT climbs within the step.
        var server = new ModelServer(time, Step, capacity: 10);

        var result = await Search(time, server, new FindLimitSettings { Start = 10.5, MaxTime = TimeSpan.FromHours(1) });

        Assert.Equal(StepVerdict.QueueGrowing, result.Steps[0].Verdict);
        Assert.Equal(FindLimitOutcome.FirstStepFailed, result.Outcome);
        Assert.Single(result.Steps);
    }

    [Fact]
    public async Task RunAsync_TimeBudget_StartsNoStepThatCouldOverrunIt()
    {
        var time = new FakeTimeProvider();
        var server = new ModelServer(time, Step, capacity: 1000);
        // Each step may take 30 s + 10 s of grace: steps starting at 0, 30 and 60 s fit in 115 s; one starting at 90 s could end at 130 s.
        var settings = new FindLimitSettings { Start = 1, StepDuration = Step, StepGrace = TimeSpan.FromSeconds(10), MaxTime = TimeSpan.FromSeconds(115) };

        var result = await Search(time, server, settings);

        Assert.Equal(3, server.Plans.Count);
        Assert.True(result.ElapsedSeconds <= 115, $"{result.ElapsedSeconds} s");
        Assert.True(result.BudgetRanOut);
        Assert.Equal(FindLimitOutcome.NoBreak, result.Outcome);
        Assert.Contains("time budget", result.StoppedBecause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RequestBudget_IsNeverOverspentAndCapsEachStep()
    {
        var time = new FakeTimeProvider();
        var server = new ModelServer(time, Step, capacity: 88.7);
        var settings = new FindLimitSettings { Start = 1, StepDuration = Step, MaxTime = TimeSpan.FromHours(1), MaxRequests = 5000 };

        var result = await Search(time, server, settings);

        Assert.True(result.RequestsSent <= 5000, $"{result.RequestsSent} sent");
        Assert.True(result.BudgetRanOut);
        Assert.Contains("request budget", result.StoppedBecause, StringComparison.Ordinal);
        long spent = 0;
        foreach (var (plan, step) in server.Plans.Zip(result.Steps))
        {
            Assert.Equal(5000 - spent, plan.MaxRequests);
            spent += step.Measurement.Requests;
        }

        // 1 … 64 req/s for 30 s is 3,810 requests; 128 req/s would need 3,840 more: the search stops before it.
        Assert.Equal(64, server.Plans[^1].Load);
        Assert.Equal(FindLimitOutcome.NoBreak, result.Outcome);
    }

    [Fact]
    public async Task RunAsync_CostBudget_StartsNoStepThatWhatItCostsPerRequestSaysWouldNotFit()
    {
        var time = new FakeTimeProvider();
        var server = new ModelServer(time, Step, capacity: 1000) { CostPerRequestUsd = 0.01m, BudgetUsd = 40m };
        var settings = new FindLimitSettings { Start = 1, StepDuration = Step, MaxTime = TimeSpan.FromHours(1), BudgetUsd = 40m };

        var result = await Search(time, server, settings);

        // 1 … 64 req/s for 30 s is 3,810 requests, $38.10; 128 req/s would need 3,840 more, $38.40: the search stops before it.
        Assert.Equal(64, server.Plans[^1].Load);
        Assert.Equal(38.10m, server.SpentUsd);
        Assert.All(result.Steps, s => Assert.True(s.Complete));
        Assert.True(result.BudgetRanOut);
        Assert.Equal("the cost budget ran out ($38.10 of $40.00 spent, the next step would cost about $38.40) before climbing to the first failing step (128 req/s)", result.StoppedBecause);
        Assert.Equal(FindLimitOutcome.NoBreak, result.Outcome);
    }

    [Fact]
    public async Task RunAsync_CostBudgetCutsAStepShort_TheStepBoundsNothingAndTheSearchEnds()
    {
        var time = new FakeTimeProvider();
        // The first step has no cost per request to go by, so only the guard holds it: 8 req/s for 30 s is 240
        // requests, $2.40; $1 stops it after 100.
        var server = new ModelServer(time, Step, sloLimit: 12) { CostPerRequestUsd = 0.01m, BudgetUsd = 1m };
        var settings = new FindLimitSettings { Start = 8, StepDuration = Step, MaxTime = TimeSpan.FromHours(1), BudgetUsd = 1m };

        var result = await Search(time, server, settings);

        Assert.Equal([8], server.Plans.Select(p => p.Load));
        Assert.Equal(100, result.RequestsSent);
        Assert.False(result.Steps[0].Complete);
        Assert.Null(result.Knee.Below);
        Assert.True(result.BudgetRanOut);
        Assert.Equal("the cost budget ran out during step 1 ($1.00 of $1.00 spent)", result.StoppedBecause);
        Assert.Equal(FindLimitOutcome.NoBreak, result.Outcome);
    }

    [Fact]
    public async Task RunAsync_FirstStepFails_StopsAtOnce()
    {
        var time = new FakeTimeProvider();
        var server = new ModelServer(time, Step, sloLimit: 5);

        var result = await Search(time, server, new FindLimitSettings { Start = 8, MaxTime = TimeSpan.FromHours(1) });

        Assert.Equal(FindLimitOutcome.FirstStepFailed, result.Outcome);
        Assert.Single(server.Plans);
        Assert.Equal("the first step already failed", result.StoppedBecause);
        Assert.Null(result.Knee.Below);
    }

    [Fact]
    public async Task RunAsync_Interrupted_StopsAndKeepsTheStepsSoFar()
    {
        var time = new FakeTimeProvider();
        var server = new ModelServer(time, Step, capacity: 88.7) { InterruptAtStep = 4 };

        var result = await new LimitSearch(new FindLimitSettings { Start = 1, MaxTime = TimeSpan.FromHours(1) }, server, time).RunAsync(server.Interrupt.Token);

        Assert.Equal(FindLimitOutcome.Interrupted, result.Outcome);
        Assert.Equal(4, result.Steps.Count);
        Assert.False(result.Steps[3].Complete);
        // The cut-short step bounds nothing.
        Assert.Null(result.Knee.Above);
    }

    [Fact]
    public async Task RunAsync_ByConcurrency_BisectsWholeNumbersToTheSlotCount()
    {
        var time = new FakeTimeProvider();
        // 24 slots at 2 req/s each: throughput grows with concurrency up to 24, then stays at 48 req/s while the
        // extra users queue. 32 still gains half the ideal over 16, so it is the queueing that shows it.
        var server = new ModelServer(time, Step, slots: 24, perSlot: 2);

        var result = await Search(time, server, new FindLimitSettings { By = LoadAxis.Concurrency, Start = 1, MaxTime = TimeSpan.FromHours(1) });

        Assert.Equal(FindLimitOutcome.KneeFound, result.Outcome);
        Assert.All(server.Plans, p => Assert.Equal(Math.Floor(p.Load), p.Load));
        Assert.Equal(24, result.Saturation.Below!.Load);
        Assert.Equal(25, result.Saturation.Above!.Load);
        Assert.Equal(StepVerdict.QueueGrowing, result.Steps.Single(s => s.Load == 32).Verdict);
        Assert.Equal(StepVerdict.Saturated, result.Saturation.Above.Verdict);
    }

    [Fact]
    public async Task RunAsync_NoisyStepPassesAboveAFailure_TheLowestFailureBoundsTheKnee()
    {
        var time = new FakeTimeProvider();
        var runner = new ScriptedRunner(time, Step, load => load == 40 ? StepVerdict.SloFailed : StepVerdict.Ok);

        var result = await Search(time, runner, new FindLimitSettings { Start = 10, MaxTime = TimeSpan.FromHours(1), Tolerance = 0.3 });

        // 10, 20 pass; 40 fails; 30 passes (gap 33% > 30%); 35 passes (gap 14%); later 80 passes too, above the failure.
        Assert.Equal([10, 20, 40, 30, 35], runner.Loads.Take(5));
        Assert.Contains(80, runner.Loads);
        Assert.Equal(35, result.Knee.Below!.Load);
        Assert.Equal(40, result.Knee.Above!.Load);
    }

    private static Task<FindLimitResult> Search(FakeTimeProvider time, IStepRunner runner, FindLimitSettings settings)
        => new LimitSearch(settings, runner, time).RunAsync(CancellationToken.None);

    /// <summary>The limit lies within <paramref name="tolerance"/> below <paramref name="limit"/>, and the first failure just above it.</summary>
    private static void AssertBracket(Bracket bracket, double limit, double tolerance)
    {
        Assert.NotNull(bracket.Below);
        Assert.NotNull(bracket.Above);
        Assert.InRange(bracket.Below.Load, limit * (1 - tolerance), limit);
        Assert.InRange(bracket.Above.Load, limit, limit * (1 + tolerance));
    }

    /// <summary>Passes or fails each load as a script says (SLO failures only), for noise the model server never makes.</summary>
    private sealed class ScriptedRunner(FakeTimeProvider time, TimeSpan step, Func<double, StepVerdict> verdict) : IStepRunner
    {
        public List<double> Loads { get; } = [];

        public Task<StepMeasurement> RunAsync(StepPlan plan, CancellationToken interrupt)
        {
            Loads.Add(plan.Load);
            time.Advance(step);
            var failed = verdict(plan.Load) == StepVerdict.SloFailed;
            return Task.FromResult(new StepMeasurement
            {
                Load = plan.Load,
                OfferedRate = plan.Load,
                AchievedRate = plan.Load,
                Slos = [new LlmLoad.Analysis.Slo.SloResult(ModelServer.TtftP95Under500Ms, failed ? 900 : 100)],
                Requests = 1,
            });
        }
    }
}
