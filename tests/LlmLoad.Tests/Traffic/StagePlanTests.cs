using LlmLoad.Traffic;

namespace LlmLoad.Tests.Traffic;

/// <summary>Arrivals of staged runs, counted per stretch of time: constant gaps make the counts exact, Poisson gaps hold them within tolerance.</summary>
public sealed class StagePlanTests
{
    private static readonly ArrivalProcess Constant = new(ArrivalKind.Constant);

    [Fact]
    public void LinearRamp_ArrivalsFollowTheIntegralOfTheRate()
    {
        // 0 -> 20/s over 10 s: the cumulative rate is t^2, so 25 arrivals in the first 5 s and 100 in all.
        var offsets = Arrivals(Plan("ramp 0/s to 20/s over 10s"), Constant);

        Assert.Equal(100, offsets.Count);
        Assert.Equal(25, offsets.Count(t => t < 5));
        Assert.Equal(Math.Sqrt(50), offsets[50], 6);
    }

    [Fact]
    public void ExponentialRamp_ArrivalsFollowTheIntegralOfTheRate()
    {
        // 1 -> 100/s over 10 s: rate 1.585^t, cumulative 10/ln(100) x (100^(t/10) - 1): 19.5 by 5 s, 215.0 in all.
        var offsets = Arrivals(Plan("ramp 1/s to 100/s over 10s exponential"), Constant);

        Assert.Equal(215, offsets.Count);
        Assert.Equal(20, offsets.Count(t => t < 5));
    }

    [Fact]
    public void ClassicShape_RampHoldBurst_ArrivalsPerStageMatchTheirLevels()
    {
        var plan = Plan("ramp 0/s to 10/s over 10s", "hold 10/s for 30s", "burst 5x for 2s", "pause 3s", "hold 10/s for 1s");
        var offsets = Arrivals(plan, Constant);

        Assert.Equal(TimeSpan.FromSeconds(46), plan.Duration);
        var perStage = offsets.GroupBy(t => plan.At(t).Name).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(50, perStage["ramp"]);
        Assert.Equal(300, perStage["hold"]);
        Assert.Equal(100, perStage["burst"]);
        Assert.False(perStage.ContainsKey("pause"));
        Assert.Equal(10, perStage["hold-2"]);
    }

    [Fact]
    public void Poisson_UnderASeed_CountsPerStageWithinTolerance()
    {
        var plan = Plan("ramp 0/s to 40/s over 20s", "hold 40/s for 20s", "burst 3x for 5s");
        var offsets = Arrivals(plan, new ArrivalProcess(ArrivalKind.Poisson), seed: 3);
        var perStage = offsets.GroupBy(t => plan.At(t).Name).ToDictionary(g => g.Key, g => g.Count());

        // Expected 400, 800, 600; a Poisson count's standard deviation is its square root, allow four of them.
        Assert.InRange(perStage["ramp"], 400 - 80, 400 + 80);
        Assert.InRange(perStage["hold"], 800 - 113, 800 + 113);
        Assert.InRange(perStage["burst"], 600 - 98, 600 + 98);
        // The ramp's curve: a quarter of its arrivals in its first half.
        Assert.InRange(offsets.Count(t => t < 10) / (double)perStage["ramp"], 0.18, 0.32);
    }

    [Fact]
    public void Diurnal_Ratio_DayAveragesMidwayAndPeaksAtFourPm()
    {
        // 24 "hours" of 1 s each, trough 10/s at 04:00, peak 30/s at 16:00.
        var plan = Plan("diurnal 30/s over 24s ratio 3");
        var offsets = Arrivals(plan, Constant);

        Assert.Equal(480, offsets.Count);
        Assert.Equal(30, plan.Curve.LevelAt(16), 9);
        Assert.Equal(10, plan.Curve.LevelAt(4), 9);
        for (var h = 0; h < 24; h++)
        {
            // Each hour holds the area under the curve between its hourly levels, give or take the one arrival split at its edge.
            var expected = (plan.Curve.LevelAt(h) + plan.Curve.LevelAt(h + 0.999999)) / 2;
            Assert.InRange(offsets.Count(t => t >= h && t < h + 1), expected - 1, expected + 1);
        }
    }

    [Fact]
    public void Diurnal_Weights_EachHourGetsItsShareScaledToThePeak()
    {
        var weights = Enumerable.Range(0, 24).Select(h => h < 12 ? 1 : 2).ToArray();
        var plan = Plan("diurnal 20/s over 48s weights " + string.Join(',', weights));
        var offsets = Arrivals(plan, Constant);

        // Each hour is 2 s: 10/s in the first twelve, 20/s (the peak) in the last twelve.
        Assert.Equal(20, offsets.Count(t => t < 2));
        Assert.Equal(40, offsets.Count(t => t >= 46));
        Assert.Equal((12 * 20) + (12 * 40), offsets.Count);
    }

    [Fact]
    public void TimeScale_CompressesDurationsAndKeepsRates()
    {
        var plan = Plan(0.01, "ramp 0/s to 100/s over 10m", "hold 100/s for 30m", "burst 5x for 2m");

        Assert.Equal(TimeSpan.FromSeconds(6 + 18 + 1.2), plan.Duration);
        Assert.Equal(100, plan.Curve.LevelAt(10), 9);
        Assert.Equal(500, plan.Curve.LevelAt(24.5), 9);
    }

    [Fact]
    public void Users_RampAndThink_BuildAClosedPlan()
    {
        var plan = Plan("ramp 0 users to 10 users over 10s", "hold 10 users for 5s think 1s");

        Assert.Equal(LoadUnit.Users, plan.Unit);
        Assert.Equal(5, plan.Curve.LevelAt(5), 9);
        Assert.Equal(4.0, plan.Curve.FirstTimeAtLeast(4, 0)!.Value, 9);
        Assert.Null(plan.Curve.FirstTimeAtLeast(11, 0));
        Assert.Equal(TimeSpan.FromSeconds(1), plan.Stages[1].Think!.Min);
    }

    [Theory]
    [InlineData(new[] { "hold 5/s for 1m", "hold 5 users for 1m" }, "mixing rates and users is not supported")]
    [InlineData(new[] { "burst 5x for 1m", "hold 5/s for 1m" }, "a burst multiplies the level of the stage before it")]
    [InlineData(new[] { "pause 1m" }, "no stage sets a level")]
    [InlineData(new[] { "hold 5/s for 1m think 1s" }, "think time belongs to users")]
    [InlineData(new[] { "hold 5/s for 1m as peak", "hold 9/s for 1m as peak" }, "already named 'peak'")]
    public void Build_InconsistentStages_NamesTheStage(string[] texts, string expected)
    {
        var errors = new List<string>();
        var specs = texts.Select(t => Spec(t) with { Source = $"stage '{t}'" }).ToList();

        Assert.Null(StagePlan.Build(specs, 1, errors));
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal) && e.StartsWith("stage", StringComparison.Ordinal));
    }

    internal static StagePlan Plan(params string[] texts) => Plan(1, texts);

    private static StagePlan Plan(double timeScale, params string[] texts)
    {
        var errors = new List<string>();
        var plan = StagePlan.Build([.. texts.Select(Spec)], timeScale, errors);
        Assert.True(plan is not null, string.Join("; ", errors));
        return plan;
    }

    private static StageSpec Spec(string text)
    {
        Assert.True(StageText.TryParse(text, out var spec, out var error), error);
        return spec;
    }

    private static List<double> Arrivals(StagePlan plan, ArrivalProcess process, int seed = 1)
    {
        var schedule = new ArrivalSchedule(plan.Curve, process, seed);
        var offsets = new List<double>();
        while (schedule.Next() is { } arrival && offsets.Count < 100_000)
        {
            offsets.Add(arrival.Offset.TotalSeconds);
        }

        return offsets;
    }
}
