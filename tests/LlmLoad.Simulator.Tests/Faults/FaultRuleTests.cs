using LlmLoad.Simulator.Faults;

namespace LlmLoad.Simulator.Tests.Faults;

public sealed class FaultRuleTests
{
    private static readonly TimeSpan Sixty = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan OneTwenty = TimeSpan.FromSeconds(120);

    [Fact]
    public void IsActiveAt_Window_FromInclusiveUntilExclusive()
    {
        var rule = new FaultRule(FaultKind.Status503, from: Sixty, until: OneTwenty);

        Assert.False(rule.IsActiveAt(Sixty - TimeSpan.FromTicks(1)));
        Assert.True(rule.IsActiveAt(Sixty));
        Assert.True(rule.IsActiveAt(OneTwenty - TimeSpan.FromTicks(1)));
        Assert.False(rule.IsActiveAt(OneTwenty));
    }

    [Fact]
    public void IsActiveAt_NoWindow_AlwaysActive()
    {
        var rule = new FaultRule(FaultKind.Status429, 0.05);

        Assert.True(rule.IsActiveAt(TimeSpan.Zero));
        Assert.True(rule.IsActiveAt(TimeSpan.FromDays(30)));
    }

    [Fact]
    public void IsActiveAt_OnlyUntil_ActiveFromTheStart()
    {
        var rule = new FaultRule(FaultKind.Status500, until: Sixty);

        Assert.True(rule.IsActiveAt(TimeSpan.Zero));
        Assert.False(rule.IsActiveAt(Sixty));
    }

    [Fact]
    public void Constructor_MidStreamKindWithoutAfter_DefaultsToOneToken()
    {
        Assert.Equal(1, new FaultRule(FaultKind.CutStream).AfterTokens);
        Assert.Null(new FaultRule(FaultKind.Status503).AfterTokens);
    }

    [Fact]
    public void Constructor_InvalidSettings_ThrowsWithTheSpecificProblem()
    {
        var error = Assert.Throws<ArgumentException>(() => new FaultRule(FaultKind.Stall));

        Assert.Equal("fault 'stall': 'for=' is required for stall (how long no bytes are sent, e.g. for=5s)", error.Message);
    }

    [Fact]
    public void Constructor_NegativeFrom_Throws()
        => Assert.Throws<ArgumentException>(() => new FaultRule(FaultKind.Status503, from: TimeSpan.FromSeconds(-1)));
}
