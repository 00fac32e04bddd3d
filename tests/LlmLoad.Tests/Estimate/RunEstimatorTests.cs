using LlmLoad.Cost;
using LlmLoad.Engine;
using LlmLoad.Estimate;
using LlmLoad.Pricing;
using LlmLoad.Scenario;
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
        var estimate = RunEstimator.Estimate(Options(new LoadShape { Concurrency = 10, Requests = 10_000 }, new NormalSpec(2000, 0, 1), new NormalSpec(1000, 0, 1)));

        Assert.Equal(new EstimateRange(10_000, 10_000, 10_000), estimate.Requests);
        Assert.Equal(EstimateRange.Fixed(20_000_000), estimate.InputTokens);
        Assert.Equal(EstimateRange.Fixed(10_000_000), estimate.OutputTokens);
        Assert.Equal(EstimateRange.Fixed(210m), estimate.CostUsd);
        Assert.Equal(0.021m, estimate.PerRequestCostUsd);
    }

    [Fact]
    public void Estimate_WarmupRequests_AreCountedAndBilled()
    {
        var estimate = RunEstimator.Estimate(Options(new LoadShape { Concurrency = 2, Requests = 100, WarmupRequests = 5 }, new NormalSpec(100, 0, 1), new NormalSpec(10, 0, 1)));

        Assert.Equal(105m, estimate.Requests!.Value.Expected);
    }

    [Fact]
    public void Estimate_PoissonRateOverDuration_SpreadsByTheCountsVariance()
    {
        // 10/s for 100 s: 1,000 arrivals, Poisson sd sqrt(1000) = 31.6, so 3 sd = 95.
        var estimate = RunEstimator.Estimate(Options(new LoadShape { Rate = 10, Duration = TimeSpan.FromSeconds(100) }, new NormalSpec(100, 0, 1), new NormalSpec(10, 0, 1)));

        Assert.Equal(new EstimateRange(905, 1000, 1095), estimate.Requests);
        Assert.Equal(new EstimateRange(90_513, 100_000, 109_487), estimate.InputTokens);
    }

    [Fact]
    public void Estimate_ConstantRateOverDuration_HasAnExactCount()
    {
        var estimate = RunEstimator.Estimate(Options(new LoadShape { Rate = 20, Arrival = new ArrivalProcess(ArrivalKind.Constant), Duration = TimeSpan.FromSeconds(5) }, new NormalSpec(100, 0, 1), new NormalSpec(10, 0, 1)));

        Assert.Equal(EstimateRange.Fixed(100), estimate.Requests);
    }

    [Fact]
    public void Estimate_Stages_CountsTheIntegralOfTheRate()
    {
        // Ramp 0 to 10/s over 10 s (50 arrivals), then hold 10/s for 5 s (50 more).
        var plan = StagePlan.Build([Stage("ramp 0/s to 10/s over 10s"), Stage("hold 10/s for 5s")], 1, []);
        var estimate = RunEstimator.Estimate(Options(new LoadShape { Stages = plan, Arrival = new ArrivalProcess(ArrivalKind.Constant), Duration = plan!.Duration }, new NormalSpec(100, 0, 1), new NormalSpec(10, 0, 1)));

        Assert.Equal(100m, estimate.Requests!.Value.Expected);
    }

    [Fact]
    public void Estimate_TraceWithLengths_AddsTheRowsOwnLengths()
    {
        TraceArrival[] trace = [new(0, 1000, 50), new(1, null, 70), new(2, 300, null)];
        var estimate = RunEstimator.Estimate(Options(new LoadShape { Trace = trace }, new NormalSpec(100, 0, 1), new NormalSpec(10, 0, 1)));

        Assert.Equal(EstimateRange.Fixed(3), estimate.Requests);
        Assert.Equal(EstimateRange.Fixed(1400), estimate.InputTokens);
        Assert.Equal(EstimateRange.Fixed(130), estimate.OutputTokens);
    }

    [Fact]
    public void Estimate_ClosedLoopForATime_HasNoCountAndSaysWhy()
    {
        var estimate = RunEstimator.Estimate(Options(new LoadShape { Concurrency = 10, Duration = TimeSpan.FromMinutes(1) }, new NormalSpec(100, 0, 1), new NormalSpec(10, 0, 1)));

        Assert.Null(estimate.Requests);
        Assert.Null(estimate.CostUsd);
        Assert.Equal(0.00045m, estimate.PerRequestCostUsd);
        Assert.Contains(estimate.Notes, n => n.Contains("give --requests"));
    }

    [Fact]
    public void Estimate_BudgetBelowExpected_Exceeds()
    {
        var options = Options(new LoadShape { Concurrency = 10, Requests = 10_000 }, new NormalSpec(2000, 0, 1), new NormalSpec(1000, 0, 1));

        Assert.True(RunEstimator.Estimate(options with { Cost = options.Cost with { BudgetUsd = 200m } }).ExceedsBudget);
        Assert.False(RunEstimator.Estimate(options with { Cost = options.Cost with { BudgetUsd = 210m } }).ExceedsBudget);
    }

    [Theory]
    [InlineData(256, 64)]
    [InlineData(20, 30)]
    [InlineData(5, 50)]
    public void LengthMoments_ClampedNormal_MatchesSampling(double mean, double stdDev)
    {
        var spec = new NormalSpec(mean, stdDev, 1);
        var random = new Random(5);
        var samples = Enumerable.Range(0, 400_000).Select(_ => Math.Max(1, Math.Round(spec.Sample(random)))).ToArray();
        var sampledMean = samples.Average();
        var sampledVariance = samples.Select(x => (x - sampledMean) * (x - sampledMean)).Average();

        var moments = LengthMoments.Of(spec);

        Assert.Equal(sampledMean, moments.Mean, sampledMean * 0.01);
        Assert.Equal(sampledVariance, moments.Variance, sampledVariance * 0.03);
    }

    private static StageSpec Stage(string text) => StageText.TryParse(text, out var spec, out var error) ? spec with { Source = text } : throw new ArgumentException(error);

    private static RunOptions Options(LoadShape load, NormalSpec input, NormalSpec output)
        => new() { Model = "m", Load = load, InputTokens = input, OutputTokens = output, Cost = new CostSettings(Price, null, null, null) };
}
