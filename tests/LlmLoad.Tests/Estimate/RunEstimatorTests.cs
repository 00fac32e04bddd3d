using LlmLoad.Cost;
using LlmLoad.Engine;
using LlmLoad.Estimate;
using LlmLoad.Options;
using LlmLoad.Pricing;
using LlmLoad.Traffic;
using LlmLoad.Workload;

namespace LlmLoad.Tests.Estimate;

public sealed class RunEstimatorTests
{
    private static readonly ModelPrice Price = new("m", 3m, 3m, 15m, "test", null);

    [Fact]
    public void Estimate_FixedLengthsAndCount_IsExactWithNoSpread()
    {
        // Issue 6's worked example: 10,000 requests of 2,000 input and 1,000 output tokens at $3/M and $15/M = $210.
        var estimate = RunEstimator.Estimate(Options(new LoadShape { Concurrency = 10, Requests = 10_000 }, new LengthDistribution.Fixed(2000), new LengthDistribution.Fixed(1000)));

        Assert.Equal(new EstimateRange(10_000, 10_000, 10_000), estimate.Requests);
        Assert.Equal(EstimateRange.Fixed(20_000_000), estimate.InputTokens);
        Assert.Equal(EstimateRange.Fixed(10_000_000), estimate.OutputTokens);
        Assert.Equal(EstimateRange.Fixed(210m), estimate.CostUsd);
        Assert.Equal(0.021m, estimate.PerRequestCostUsd);
    }

    [Fact]
    public void Estimate_WarmupRequests_AreCountedAndBilled()
    {
        var estimate = RunEstimator.Estimate(Options(new LoadShape { Concurrency = 2, Requests = 100, WarmupRequests = 5 }, new LengthDistribution.Fixed(100), new LengthDistribution.Fixed(10)));

        Assert.Equal(105m, estimate.Requests!.Value.Expected);
    }

    [Fact]
    public void Estimate_PoissonRateOverDuration_SpreadsByTheCountsVariance()
    {
        // 10/s for 100 s: 1,000 arrivals, Poisson sd sqrt(1000) = 31.6, so 3 sd = 95.
        var estimate = RunEstimator.Estimate(Options(new LoadShape { Rate = 10, Duration = TimeSpan.FromSeconds(100) }, new LengthDistribution.Fixed(100), new LengthDistribution.Fixed(10)));

        Assert.Equal(new EstimateRange(905, 1000, 1095), estimate.Requests);
        Assert.Equal(new EstimateRange(90_513, 100_000, 109_487), estimate.InputTokens);
    }

    [Fact]
    public void Estimate_ConstantRateOverDuration_HasAnExactCount()
    {
        var estimate = RunEstimator.Estimate(Options(new LoadShape { Rate = 20, Arrival = new ArrivalProcess(ArrivalKind.Constant), Duration = TimeSpan.FromSeconds(5) }, new LengthDistribution.Fixed(100), new LengthDistribution.Fixed(10)));

        Assert.Equal(EstimateRange.Fixed(100), estimate.Requests);
    }

    [Fact]
    public void Estimate_Stages_CountsTheIntegralOfTheRate()
    {
        // Ramp 0 to 10/s over 10 s (50 arrivals), then hold 10/s for 5 s (50 more).
        var plan = StagePlan.Build([Stage("ramp 0/s to 10/s over 10s"), Stage("hold 10/s for 5s")], 1, []);
        var estimate = RunEstimator.Estimate(Options(new LoadShape { Stages = plan, Arrival = new ArrivalProcess(ArrivalKind.Constant), Duration = plan!.Duration }, new LengthDistribution.Fixed(100), new LengthDistribution.Fixed(10)));

        Assert.Equal(100m, estimate.Requests!.Value.Expected);
    }

    [Fact]
    public void Estimate_TraceWithLengths_AddsTheRowsOwnLengths()
    {
        TraceArrival[] trace = [new(0, 1000, 50), new(1, null, 70), new(2, 300, null)];
        var estimate = RunEstimator.Estimate(Options(new LoadShape { Trace = trace }, new LengthDistribution.Fixed(100), new LengthDistribution.Fixed(10)));

        Assert.Equal(EstimateRange.Fixed(3), estimate.Requests);
        Assert.Equal(EstimateRange.Fixed(1400), estimate.InputTokens);
        Assert.Equal(EstimateRange.Fixed(130), estimate.OutputTokens);
    }

    [Fact]
    public void Estimate_ClosedLoopForATime_HasNoCountAndSaysWhy()
    {
        var estimate = RunEstimator.Estimate(Options(new LoadShape { Concurrency = 10, Duration = TimeSpan.FromMinutes(1) }, new LengthDistribution.Fixed(100), new LengthDistribution.Fixed(10)));

        Assert.Null(estimate.Requests);
        Assert.Null(estimate.CostUsd);
        Assert.Equal(0.00045m, estimate.PerRequestCostUsd);
        Assert.Contains(estimate.Notes, n => n.Contains("give --requests"));
    }

    [Fact]
    public void Estimate_BudgetBelowExpected_Exceeds()
    {
        var options = Options(new LoadShape { Concurrency = 10, Requests = 10_000 }, new LengthDistribution.Fixed(2000), new LengthDistribution.Fixed(1000));

        Assert.True(RunEstimator.Estimate(options with { Cost = options.Cost with { BudgetUsd = 200m } }).ExceedsBudget);
        Assert.False(RunEstimator.Estimate(options with { Cost = options.Cost with { BudgetUsd = 210m } }).ExceedsBudget);
    }

    [Fact]
    public void Estimate_Mix_TokensFollowTheLengthsTheRunWillDraw()
    {
        // 1,000 requests: 75% of 100 in / 10 out, 25% of 1,000 in / 200 out: about 325,000 in and 57,500 out.
        var mix = new WorkloadMix([
            new WorkloadCategory("small", 3, new LengthDistribution.Fixed(100), new LengthDistribution.Fixed(10)),
            new WorkloadCategory("large", 1, new LengthDistribution.Fixed(1000), new LengthDistribution.Fixed(200))]);
        var options = Options(new LoadShape { Concurrency = 4, Requests = 1000 }, new LengthDistribution.Fixed(1), new LengthDistribution.Fixed(1)) with
        {
            Workload = new WorkloadSpec { Mix = mix },
        };

        var estimate = RunEstimator.Estimate(options);

        // Exactly what the run will draw for those 1,000 requests, which the weights put near the figures above.
        var source = new PromptSource(options.Workload, options.Seed, TokenCounter.Default);
        var drawn = Enumerable.Range(0, 1000).Select(i => source.Lengths(i)).ToList();
        Assert.Equal(drawn.Sum(l => l.Input), estimate.InputTokens!.Value.Expected);
        Assert.Equal(drawn.Sum(l => l.Output), estimate.OutputTokens!.Value.Expected);
        Assert.InRange((double)estimate.InputTokens.Value.Expected, 325_000 * 0.9, 325_000 * 1.1);
        Assert.InRange((double)estimate.OutputTokens.Value.Expected, 57_500 * 0.9, 57_500 * 1.1);
    }

    private static StageSpec Stage(string text) => StageText.TryParse(text, out var spec, out var error) ? spec with { Source = text } : throw new ArgumentException(error);

    private static RunOptions Options(LoadShape load, LengthDistribution input, LengthDistribution output)
        => new() { Model = "m", Load = load, Workload = new WorkloadSpec { Input = input, Output = output }, Cost = new CostSettings(Price, null, null, null) };
}
