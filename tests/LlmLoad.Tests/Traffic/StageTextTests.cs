using LlmLoad.Traffic;
using LlmLoad.Workload;

namespace LlmLoad.Tests.Traffic;

public sealed class StageTextTests
{
    [Fact]
    public void TryParse_EveryForm_ReadsLevelsDurationsAndOptions()
    {
        var ramp = Parse("ramp 1/s to 20/s over 10m exponential");
        Assert.Equal((StageKind.Ramp, 1.0, 20.0, TimeSpan.FromMinutes(10), true), (ramp.Kind, ramp.From!.Value.Value, ramp.To!.Value.Value, ramp.Duration, ramp.Exponential));

        var continued = Parse("ramp to 1200/m over 30s");
        Assert.Null(continued.From);
        Assert.Equal(20, continued.To!.Value.Value);

        var users = Parse("warmup hold 50 users for 2m think 1s..3s as Peak_1");
        Assert.Equal((StageRole.Warmup, LoadUnit.Users, 50.0, "Peak_1"), (users.Role, users.From!.Value.Unit, users.From.Value.Value, users.Name));
        Assert.Equal(new ThinkTime(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)), users.Think);

        var burst = Parse("burst 5x for 2m");
        Assert.Equal((StageKind.Burst, 5.0, TimeSpan.FromMinutes(2)), (burst.Kind, burst.Factor, burst.Duration));

        var day = Parse("diurnal 30/s over 24m ratio 4");
        Assert.Equal((30.0, 4.0), (day.From!.Value.Value, day.Ratio!.Value));
        Assert.Equal(24, Parse("diurnal 30/s over 24m weights " + string.Join(',', Enumerable.Range(1, 24))).Weights!.Count);
        Assert.Equal(TimeSpan.FromSeconds(30), Parse("pause 30s").Duration);
        Assert.Equal(StageRole.Cooldown, Parse("COOLDOWN Hold 5/S For 1m").Role);
    }

    [Theory]
    [InlineData("", "empty stage")]
    [InlineData("jump 5/s for 1m", "unknown stage 'jump'")]
    [InlineData("hold 20 for 1m", "expected a level such as 20/s, 1200/m or 50 users, got '20'")]
    [InlineData("hold 20/s 1m", "expected 'for' where '1m' is")]
    [InlineData("hold 20/s for", "expected a duration")]
    [InlineData("hold 20/s for 0s", "expected a duration above zero")]
    [InlineData("ramp 1/s to 20 users over 1m", "from a rate to a rate or from users to users")]
    [InlineData("ramp 0/s to 20/s over 1m exponential", "exponential ramp needs a start and an end above zero")]
    [InlineData("burst five for 1m", "expected a multiple of the current level such as 5x, got 'five'")]
    [InlineData("diurnal 30/s over 24m", "needs the shape of its day")]
    [InlineData("diurnal 30/s over 24m ratio 0.5", "ratio of at least 1")]
    [InlineData("diurnal 30/s over 24m trough 40/s", "not above the peak")]
    [InlineData("diurnal 30/s over 24m weights 1,2,3", "expected 24 non-negative hourly weights")]
    [InlineData("hold 2.5 users for 1m", "whole number of users")]
    [InlineData("hold 5/s for 1m think soon", "expected a think time such as 2s or 1s..5s")]
    [InlineData("hold 5/s for 1m as pe@k", "a stage name is letters")]
    [InlineData("hold 5/s for 1m please", "unexpected 'please'")]
    public void TryParse_BadStage_SaysWhatWasExpected(string text, string expected)
    {
        Assert.False(StageText.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    private static StageSpec Parse(string text)
    {
        Assert.True(StageText.TryParse(text, out var spec, out var error), error);
        return spec;
    }
}
