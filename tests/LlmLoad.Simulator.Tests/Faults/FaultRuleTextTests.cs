using LlmLoad.Simulator.Faults;

namespace LlmLoad.Simulator.Tests.Faults;

public sealed class FaultRuleTextTests
{
    [Fact]
    public void Parse_OutageWindow_ReadsKindAndWindow()
    {
        var rule = FaultRuleText.Parse("503,from=60s,until=120s");

        Assert.Equal(FaultKind.Status503, rule.Kind);
        Assert.Equal(1, rule.Probability);
        Assert.Equal(TimeSpan.FromSeconds(60), rule.From);
        Assert.Equal(TimeSpan.FromSeconds(120), rule.Until);
        Assert.Null(rule.Duration);
        Assert.Null(rule.AfterTokens);
    }

    [Fact]
    public void Parse_ShareOfRequests_ReadsProbability()
    {
        var rule = FaultRuleText.Parse("429,p=0.05");

        Assert.Equal(FaultKind.Status429, rule.Kind);
        Assert.Equal(0.05, rule.Probability);
        Assert.Null(rule.From);
        Assert.Null(rule.Until);
    }

    [Fact]
    public void Parse_Stall_ReadsDurationAndTokens()
    {
        var rule = FaultRuleText.Parse("stall,p=0.1,for=5s,after=3");

        Assert.Equal(new FaultRule(FaultKind.Stall, 0.1, duration: TimeSpan.FromSeconds(5), afterTokens: 3), rule);
    }

    [Fact]
    public void Parse_SpacesAndCase_AreTolerated()
        => Assert.Equal(new FaultRule(FaultKind.SlowHeaders, duration: TimeSpan.FromMilliseconds(500)), FaultRuleText.Parse(" SLOW_HEADERS , FOR = 500ms "));

    [Theory]
    [InlineData("503,from=60s,until=120s")]
    [InlineData("429,p=0.05")]
    [InlineData("stall,p=0.1,for=5s,after=3")]
    [InlineData("slow_headers,for=250ms")]
    [InlineData("cut,after=0")]
    [InlineData("reset,p=0.001,until=1.5s")]
    [InlineData("error_event,from=0ms")]
    [InlineData("stall,p=0.3333333333333333,for=1.0001ms")]
    [InlineData("malformed,p=0.25,after=7")]
    public void ToText_CanonicalText_RoundTrips(string text)
    {
        var rule = FaultRuleText.Parse(text);

        Assert.Equal(text, FaultRuleText.Parse(text).ToText());
        Assert.Equal(rule, FaultRuleText.Parse(rule.ToText()));
    }

    [Fact]
    public void ToText_NonCanonicalInput_IsNormalized()
        => Assert.Equal("stall,p=0.5,from=120s,for=2.5s", FaultRuleText.Parse("stall,after=1,for=2500ms,from=2m,p=0.50").ToText());

    [Fact]
    public void ToText_SubMillisecondDuration_RoundTrips()
    {
        var rule = new FaultRule(FaultKind.Stall, duration: TimeSpan.FromTicks(12_345_678));

        Assert.Equal(rule, FaultRuleText.Parse(rule.ToText()));
    }

    [Theory]
    [InlineData("504", "fault '504': unknown kind '504'; expected one of 429, 500, 503, 529, reset, slow_headers, cut, stall, malformed, error_event")]
    [InlineData("", "fault '': expected KIND[,p=0.05][,from=60s][,until=120s][,for=5s][,after=3], where KIND is one of 429, 500, 503, 529, reset, slow_headers, cut, stall, malformed, error_event")]
    [InlineData("stall", "fault 'stall': 'for=' is required for stall (how long no bytes are sent, e.g. for=5s)")]
    [InlineData("slow_headers", "fault 'slow_headers': 'for=' is required for slow_headers (how long the response headers are held back, e.g. for=10s)")]
    [InlineData("429,p=1.5", "fault '429,p=1.5': p=1.5: expected a probability in (0, 1]")]
    [InlineData("429,p=0", "fault '429,p=0': p=0: expected a probability in (0, 1]")]
    [InlineData("429,p=NaN", "fault '429,p=NaN': p=NaN: expected a probability in (0, 1]")]
    [InlineData("429,p=lots", "fault '429,p=lots': p=lots: expected a probability in (0, 1]")]
    [InlineData("429,q=0.5", "fault '429,q=0.5': unknown key 'q'; expected p, from, until, for or after")]
    [InlineData("429,p=0.5,p=0.2", "fault '429,p=0.5,p=0.2': 'p=' is given twice")]
    [InlineData("429,0.5", "fault '429,0.5': '0.5': expected key=value after the kind, as in KIND[,p=0.05][,from=60s][,until=120s][,for=5s][,after=3]")]
    [InlineData("429,", "fault '429,': an empty part: expected key=value after the kind, as in KIND[,p=0.05][,from=60s][,until=120s][,for=5s][,after=3]")]
    [InlineData("503,from=120s,until=60s", "fault '503,from=120s,until=60s': until=60s: must be later than from=120s")]
    [InlineData("503,from=60s,until=60s", "fault '503,from=60s,until=60s': until=60s: must be later than from=60s")]
    [InlineData("503,until=0s", "fault '503,until=0s': until=0ms: must be later than the server start")]
    [InlineData("503,from=soon", "fault '503,from=soon': from=soon: expected a duration such as 500ms, 90s, 10m, 1h or 1m30s")]
    [InlineData("503,until=99999999999999h", "fault '503,until=99999999999999h': until=99999999999999h: expected a duration such as 500ms, 90s, 10m, 1h or 1m30s")]
    [InlineData("503,for=5s", "fault '503,for=5s': 'for=' does not apply to 503; only stall and slow_headers hold something back for a while")]
    [InlineData("stall,for=0s", "fault 'stall,for=0s': for=0ms: expected a duration greater than zero")]
    [InlineData("503,after=3", "fault '503,after=3': 'after=' does not apply to 503, which acts before the response headers; only cut, stall, malformed and error_event take it")]
    [InlineData("cut,after=-1", "fault 'cut,after=-1': after=-1: expected a number of content tokens, 0 or more")]
    [InlineData("cut,after=two", "fault 'cut,after=two': after=two: expected a number of content tokens, 0 or more")]
    public void Parse_Invalid_ThrowsSpecificMessage(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => FaultRuleText.Parse(text));

        Assert.Equal(message, error.Message);
    }
}
