using LlmLoad.Comparison;

namespace LlmLoad.Tests.Comparison;

/// <summary>--fail-on rules: what they accept, the errors they give, and when a change counts as a regression.</summary>
public sealed class FailOnRuleTests
{
    [Theory]
    [InlineData("ttft.p95>+10%", "ttft.p95", 1, 0.10, "Percent")]
    [InlineData("error_rate>+0.5pp", "error_rate", 1, 0.005, "Points")]
    [InlineData("e2e.p99>+200ms", "e2e.p99", 1, 200, "Absolute")]
    [InlineData("e2e.p99 > +1.5s", "e2e.p99", 1, 1500, "Absolute")]
    [InlineData("requests_per_s<-5%", "requests_per_s", -1, 0.05, "Percent")]
    [InlineData("goodput<-2pp", "goodput", -1, 0.02, "Points")]
    [InlineData("output_tokens_per_s<-100", "output_tokens_per_s", -1, 100, "Absolute")]
    public void Parse_ValidRule(string text, string metric, int direction, double amount, string unit)
    {
        var errors = new List<string>();

        var rule = FailOnParser.Parse(text, errors);

        Assert.Empty(errors);
        Assert.Equal(metric, rule!.Metric.Name);
        Assert.Equal(direction, rule.Direction);
        Assert.Equal(amount, rule.Amount, 9);
        Assert.Equal(unit, rule.Unit.ToString());
    }

    [Theory]
    [InlineData("ttft.p95>10%", "expected METRIC>+N%")]
    [InlineData("ttft.p97>+10%", "unknown metric 'ttft.p97'")]
    [InlineData("ttft.p95<+10%", "a rise is written '>+N' and a fall '<-N'")]
    [InlineData("ttft.p95>+10pp", "ttft.p95 takes % or a duration (ms, s); got 'pp'")]
    [InlineData("error_rate>+5ms", "error_rate takes % (relative) or pp (percentage points); got 'ms'")]
    [InlineData("error_rate>+1", "got 'a bare number'")]
    [InlineData("", "expected METRIC>+N%")]
    public void Parse_BadRule_SaysWhatWasExpected(string text, string message)
    {
        var errors = new List<string>();

        Assert.Null(FailOnParser.Parse(text, errors));
        Assert.Contains(message, Assert.Single(errors), StringComparison.Ordinal);
        Assert.StartsWith($"--fail-on '{text}'", errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_PastTheThresholdAndSignificant_Regressed()
    {
        var verdict = Rule("ttft.p95>+10%").Judge(Latency(200, 260, significant: true));

        Assert.True(verdict.PastThreshold);
        Assert.True(verdict.Regressed);
    }

    [Fact]
    public void Judge_PastTheThresholdButNotSignificant_NotARegression()
    {
        var verdict = Rule("ttft.p95>+10%").Judge(Latency(200, 260, significant: false));

        Assert.True(verdict.PastThreshold);
        Assert.False(verdict.Regressed);
    }

    [Fact]
    public void Judge_SignificantButWithinTheThreshold_NotARegression()
        => Assert.False(Rule("ttft.p95>+10%").Judge(Latency(200, 215, significant: true)).Regressed);

    [Fact]
    public void Judge_AbsoluteMilliseconds()
    {
        Assert.True(Rule("e2e.p99>+200ms").Judge(Latency(1000, 1201, significant: true, metric: "e2e.p99")).Regressed);
        Assert.False(Rule("e2e.p99>+200ms").Judge(Latency(1000, 1199, significant: true, metric: "e2e.p99")).Regressed);
    }

    [Fact]
    public void Judge_ErrorRateInPoints_FromZero()
    {
        var metric = ComparedMetrics.Find("error_rate")!;
        var rise = new MetricComparison(metric, 0, 0.01, 0.01, null, null, 0.001, true);

        Assert.True(Rule("error_rate>+0.5pp").Judge(rise).Regressed);
        Assert.True(Rule("error_rate>+10%").Judge(rise).Regressed); // from 0, any rise is past any relative threshold
        Assert.False(Rule("error_rate>+2pp").Judge(rise).Regressed);
    }

    [Fact]
    public void Judge_ThroughputFall_HasNoTest_ThresholdAloneDecides()
    {
        var metric = ComparedMetrics.Find("requests_per_s")!;
        var fall = new MetricComparison(metric, 100, 90, -10, -0.1, null, null, null);

        Assert.True(Rule("requests_per_s<-5%").Judge(fall).Regressed);
        Assert.False(Rule("requests_per_s<-20%").Judge(fall).Regressed);
    }

    private static FailOnRule Rule(string text) => FailOnParser.Parse(text, [])!;

    private static MetricComparison Latency(double b, double c, bool significant, string metric = "ttft.p95")
        => new(ComparedMetrics.Find(metric)!, b, c, c - b, (c - b) / b, (c - b - 5, c - b + 5), significant ? 0.001 : 0.3, significant);
}
