using LlmLoad.Simulator.Faults;

namespace LlmLoad.Simulator.Tests.Faults;

public sealed class FaultKindsTests
{
    [Fact]
    public void WireName_EveryKind_ParsesBackToItself()
    {
        foreach (var kind in Enum.GetValues<FaultKind>())
        {
            Assert.True(FaultKinds.TryParse(kind.WireName(), out var parsed));
            Assert.Equal(kind, parsed);
        }
    }

    [Fact]
    public void Names_ListsTheWireNamesInOrder()
        => Assert.Equal("429, 500, 503, 529, reset, slow_headers, cut, stall, malformed, error_event", FaultKinds.Names);

    [Theory]
    [InlineData("504")]
    [InlineData("Status503")]
    [InlineData("")]
    public void TryParse_UnknownName_ReturnsFalse(string name) => Assert.False(FaultKinds.TryParse(name, out _));

    [Theory]
    [InlineData(FaultKind.Status429, true)]
    [InlineData(FaultKind.Status529, true)]
    [InlineData(FaultKind.ResetBeforeHeaders, true)]
    [InlineData(FaultKind.SlowHeaders, true)]
    [InlineData(FaultKind.CutStream, false)]
    [InlineData(FaultKind.Stall, false)]
    [InlineData(FaultKind.MalformedChunk, false)]
    [InlineData(FaultKind.ErrorEvent, false)]
    internal void ActsBeforeHeaders_SaysWhenTheFaultActs(FaultKind kind, bool beforeHeaders)
        => Assert.Equal(beforeHeaders, kind.ActsBeforeHeaders());

    [Fact]
    public void StatusCode_OnlyStatusKindsHaveOne()
    {
        Assert.Equal(503, FaultKind.Status503.StatusCode());
        Assert.Equal(529, FaultKind.Status529.StatusCode());
        Assert.Null(FaultKind.ResetBeforeHeaders.StatusCode());
        Assert.Null(FaultKind.Stall.StatusCode());
    }
}
