using LlmLoad.Analysis.Slo;
using LlmLoad.FindLimit;

namespace LlmLoad.Tests.FindLimit;

public sealed class StepJudgeTests
{
    [Theory]
    [InlineData(9.1, "ok")]
    [InlineData(8.9, "saturated")]
    public void Judge_RateAxis_SaturatedBelowNinetyPercentOfOffered(double achieved, string expected)
    {
        var step = Step(10) with { OfferedRate = 10, AchievedRate = achieved };

        Assert.Equal(expected, StepJudge.Judge(1, step, LoadAxis.Rate, null).Verdict.ToWireName());
    }

    [Theory]
    [InlineData(0.67, 10.7, "ok")] // 12.25 req/s over 0.67 s: 8 arrivals, 1 short (87%), as one late under a busy CPU
    [InlineData(0.67, 6, "saturated")] // 4 short of 8
    [InlineData(60, 10.7, "saturated")] // the same 87% over a minute: 93 short
    public void Judge_RateAxis_FewerThanThreeRequestsShortIsNotSaturation(double steadySeconds, double achieved, string expected)
    {
        var step = Step(20) with { OfferedRate = 12.25, AchievedRate = achieved, SteadySeconds = steadySeconds };

        Assert.Equal(expected, StepJudge.Judge(1, step, LoadAxis.Rate, null).Verdict.ToWireName());
    }

    [Fact]
    public void Judge_RateAxis_ComparesWithTheArrivalsActuallyOffered()
    {
        // Poisson arrivals offered 8.5 req/s where 10 were asked for: 8.4 achieved keeps up with them.
        var step = Step(10) with { OfferedRate = 8.5, AchievedRate = 8.4 };

        Assert.Equal(StepVerdict.Ok, StepJudge.Judge(1, step, LoadAxis.Rate, null).Verdict);
    }

    [Theory]
    [InlineData(100, 149, "ok")] // below 1.5x
    [InlineData(100, 151, "queue_growing")]
    [InlineData(20, 60, "ok")] // 3x, but only 40 ms: jitter on a fast server
    [InlineData(20, 71, "queue_growing")]
    public void Judge_RateAxis_QueueGrowsWhenTheLastThirdsTtftIsAboveOneAndAHalfTimesAndFiftyMs(double first, double last, string expected)
    {
        var step = Step(10) with { Trend = new TtftTrend(first, last) };

        Assert.Equal(expected, StepJudge.Judge(1, step, LoadAxis.Rate, null).Verdict.ToWireName());
    }

    [Fact]
    public void Judge_SeveralRulesFail_TheWorstIsTheVerdictAndEveryOneIsAReason()
    {
        var step = Step(10) with { AchievedRate = 5, Trend = new TtftTrend(50, 900), Slos = [Failed("ttft.p95<500ms", 950)] };

        var result = StepJudge.Judge(3, step, LoadAxis.Rate, null);

        Assert.Equal(StepVerdict.Saturated, result.Verdict);
        Assert.Equal(3, result.Reasons.Count);
        Assert.Equal("achieved 5 of 10 req/s offered (50%)", result.Reasons[0]);
        Assert.Equal("ttft.p95<500ms: measured 950ms", result.Reasons[2]);
    }

    [Fact]
    public void Judge_OnlyAnSloFails_SloFailed()
    {
        var step = Step(10) with { Slos = [Failed("error_rate<1%", 0.02)] };

        var result = StepJudge.Judge(1, step, LoadAxis.Rate, null);

        Assert.Equal(StepVerdict.SloFailed, result.Verdict);
        Assert.Equal(["error_rate<1%: measured 2%"], result.Reasons);
    }

    [Theory]
    [InlineData(30, "ok")] // +50% for +100% concurrency
    [InlineData(20.9, "saturated")] // +4.5%: under a tenth of the gain in concurrency
    public void Judge_ConcurrencyAxis_SaturatedWhenThroughputStopsGrowingWithConcurrency(double achieved, string expected)
    {
        var below = Step(16) with { AchievedRate = 20 };
        var step = Step(32) with { AchievedRate = achieved };

        Assert.Equal(expected, StepJudge.Judge(2, step, LoadAxis.Concurrency, below, below).Verdict.ToWireName());
    }

    [Fact]
    public void Judge_ConcurrencyAxis_MedianTtftWellAboveTheLowestStepsIsQueueing()
    {
        var lowest = Step(1) with { AchievedRate = 1, TtftP50Ms = 60 };
        var step = Step(64) with { AchievedRate = 60, TtftP50Ms = 400 };

        var result = StepJudge.Judge(7, step, LoadAxis.Concurrency, lowest, lowest);

        Assert.Equal(StepVerdict.QueueGrowing, result.Verdict);
        Assert.Equal(["requests queue: median TTFT 400 ms against 60 ms at 1 concurrent"], result.Reasons);
    }

    [Fact]
    public void Judge_ConcurrencyAxis_FirstStepHasNothingToCompareWith()
    {
        var step = Step(8) with { AchievedRate = 0.1, TtftP50Ms = 5000 };

        Assert.Equal(StepVerdict.Ok, StepJudge.Judge(1, step, LoadAxis.Concurrency, null, null).Verdict);
    }

    private static StepMeasurement Step(double load) => new() { Load = load, AchievedRate = load, Slos = [new SloResult(ModelServer.TtftP95Under500Ms, 100)] };

    private static SloResult Failed(string objective, double measured) => new(ModelServer.Slo(objective), measured);
}
