using LlmLoad.Planning;

namespace LlmLoad.Tests.Planning;

public sealed class ScalingLagTests
{
    [Theory]
    [InlineData("30%", false)]
    [InlineData("60%", true)]
    public void Plan_ScaleUpWithARamp_HeadroomMustCoverWhatArrivesMeanwhile(string headroom, bool covered)
    {
        // +2 req/s every minute for the 5 minutes a replica takes: 10 req/s more, half of a 20 req/s peak.
        var builder = new PlanInputsBuilder(new Dictionary<string, string>
        {
            ["rate"] = "20", ["input-tokens"] = "1000", ["output-tokens"] = "300", ["headroom"] = headroom, ["scale-up-time"] = "5m", ["ramp"] = "2",
        });
        var lag = CapacityPlanner.Plan(builder.Build()!).Lag!;
        Assert.Equal(10m, lag.ArrivingDuringScaleUp);
        Assert.Equal(0.5m, lag.HeadroomNeeded);
        Assert.Equal(covered, lag.Covered);
    }

    [Fact]
    public void Build_ScaleUpTimeWithoutRamp_RefusedNamingBoth()
    {
        var builder = new PlanInputsBuilder(new Dictionary<string, string> { ["rate"] = "20", ["input-tokens"] = "1000", ["output-tokens"] = "300", ["scale-up-time"] = "5m" });
        Assert.Null(builder.Build());
        Assert.Contains(builder.Errors, e => e.StartsWith("--scale-up-time, --ramp: give both", StringComparison.Ordinal));
    }
}
