using LlmLoad.Analysis.Watches;


namespace LlmLoad.Tests.Analysis.Watches;

public sealed class BreakerSpecParserTests
{
    [Theory]
    [InlineData("error_rate>50%", 0.5, 10, 20)]
    [InlineData("error_rate > 50% , window=2s, min=10", 0.5, 2, 10)]
    [InlineData("ERROR_RATE>0.25,min=5", 0.25, 10, 5)]
    [InlineData("error_rate>0%,window=1m", 0, 60, 20)]
    public void TryParse_ValidSpec_ReadsThresholdWindowAndMinimum(string text, double threshold, int windowSeconds, int min)
    {
        Assert.True(BreakerSpecParser.TryParse(text, out var spec, out var error), error);
        Assert.Equal(threshold, spec.Threshold, 9);
        Assert.Equal(TimeSpan.FromSeconds(windowSeconds), spec.Window);
        Assert.Equal(min, spec.MinRequests);
    }

    [Theory]
    [InlineData("", "empty condition")]
    [InlineData("latency>50%", "unknown metric 'latency'; the breaker watches error_rate only")]
    [InlineData("error_rate<50%", "has no '>'")]
    [InlineData("error_rate>=50%", "has no '>'")]
    [InlineData("error_rate>lots", "'lots' is not a share")]
    [InlineData("error_rate>100%", "'100%' is not a share")]
    [InlineData("error_rate>50%,window=soon", "window 'soon' is not a duration")]
    [InlineData("error_rate>50%,window=0s", "window '0s' is not a duration")]
    [InlineData("error_rate>50%,min=0", "min '0' is not a request count")]
    [InlineData("error_rate>50%,min=2,min=3", "'min' is given twice")]
    [InlineData("error_rate>50%,span=2s", "unknown option 'span'; expected window=DURATION or min=N")]
    [InlineData("error_rate>50%,10s", "'10s' is not an option")]
    public void TryParse_BadSpec_NamesTheBadPart(string text, string expected)
    {
        Assert.False(BreakerSpecParser.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
