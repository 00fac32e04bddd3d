using LlmLoad.Analysis.Slo;

namespace LlmLoad.Tests.Analysis.Slo;

public sealed class SloParserTests
{
    [Theory]
    [InlineData("ttft.p95<800ms", "ttft.p95<800ms", "ttft", "p95", "<", 800)]
    [InlineData(" tpot.mean <= 1.5s ", "tpot.mean<=1.5s", "tpot", "mean", "<=", 1500)]
    [InlineData("itl.p99_9 < 50ms", "itl.p99_9<50ms", "itl", "p99_9", "<", 50)]
    [InlineData("chunk_gap.max<1m", "chunk_gap.max<1m", "chunk_gap", "max", "<", 60_000)]
    [InlineData("E2E.P50>=2s", "E2E.P50>=2s", "e2e", "p50", ">=", 2000)]
    [InlineData("schedule_lag.p90<5ms", "schedule_lag.p90<5ms", "schedule_lag", "p90", "<", 5)]
    [InlineData("ttft_from_scheduled.p99<1s", "ttft_from_scheduled.p99<1s", "ttft_from_scheduled", "p99", "<", 1000)]
    [InlineData("e2e_from_scheduled.min>1ms", "e2e_from_scheduled.min>1ms", "e2e_from_scheduled", "min", ">", 1)]
    public void TryParse_LatencyObjective_ReadsMetricStatisticComparisonAndMilliseconds(string text, string name, string metric, string statistic, string comparison, double thresholdMs)
    {
        Assert.True(SloParser.TryParse(text, out var slo, out var error), error);

        Assert.Equal(name, slo.Text);
        Assert.Equal(SloMeasure.Latency, slo.Measure);
        Assert.Equal(metric, slo.MetricName);
        Assert.Equal(statistic, slo.Statistic?.ToWireName());
        Assert.Equal(comparison, slo.Comparison.ToText());
        Assert.Equal(thresholdMs, slo.Threshold, 9);
    }

    [Theory]
    [InlineData("error_rate<1%", "error_rate", "<", 0.01)]
    [InlineData("rate_limited < 0.5%", "rate_limited", "<", 0.005)]
    [InlineData("goodput>95%", "goodput", ">", 0.95)]
    [InlineData("goodput>=0.9", "goodput", ">=", 0.9)]
    [InlineData("output_tokens_per_s>500", "output_tokens_per_s", ">", 500)]
    [InlineData("requests_per_s >= 2.5", "requests_per_s", ">=", 2.5)]
    public void TryParse_RunObjective_ReadsShareAsFractionAndRateAsNumber(string text, string measure, string comparison, double threshold)
    {
        Assert.True(SloParser.TryParse(text, out var slo, out var error), error);

        Assert.Equal(measure, slo.MetricName);
        Assert.Null(slo.Metric);
        Assert.Null(slo.Statistic);
        Assert.Equal(comparison, slo.Comparison.ToText());
        Assert.Equal(threshold, slo.Threshold, 9);
    }

    [Theory]
    [InlineData("ttft.p96<800ms", "unknown statistic 'p96'; expected one of mean, p50, p90, p95, p99, p99_9, max, min")]
    [InlineData("ttfb.p95<800ms", "unknown metric 'ttfb'; expected one of ttft, tpot, itl, chunk_gap, e2e,")]
    [InlineData("ttft<800ms", "'ttft' needs a statistic, e.g. ttft.p95")]
    [InlineData("error_rate.p95<1%", "'error_rate' takes no statistic")]
    [InlineData("ttft.p95<800", "'800' is not a duration; expected a duration with its unit such as 800ms or 1.5s")]
    [InlineData("ttft.p95<fast", "'fast' is not a duration")]
    [InlineData("error_rate<101%", "'101%' is not a share; expected a percentage from 0% to 100%")]
    [InlineData("goodput>95", "'95' is not a share")]
    [InlineData("output_tokens_per_s>-1", "'-1' is not a rate; expected a number per second of at least 0")]
    [InlineData("ttft.p95=800ms", "'=' is not a comparison an objective can make; expected <, <=, > or >=")]
    [InlineData("ttft.p95 800ms", "no comparison; expected <, <=, > or >=")]
    [InlineData("ttft.p95=<800ms", "unknown comparison '=<'; expected <, <=, > or >=")]
    [InlineData("ttft.p95<800ms<1s", "more than one comparison")]
    [InlineData("<800ms", "no metric before '<'")]
    [InlineData("ttft.p95>=", "no value after '>='")]
    [InlineData("  ", "empty expression")]
    public void TryParse_BadExpression_SaysWhatIsWrongAndWhatWasExpected(string text, string expected)
    {
        Assert.False(SloParser.TryParse(text, out var slo, out var error));

        Assert.Null(slo);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
