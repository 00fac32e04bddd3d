using LlmLoad.Analysis.Stability;

namespace LlmLoad.Tests.Analysis.Stability;

public sealed class ColdStartTests
{
    [Fact]
    public void FirstRequestsMuchSlower_WarnsWithBothMediansAndSuggestsWarmup()
    {
        // 200 requests; the first eight waited for a cold server (~900 ms), the rest ~200 ms.
        var samples = SustainedDriftTests.Samples(200, t => t < 8 ? 900 + t : 200 + (t % 7), _ => 20);

        var warning = Assert.Single(StabilityWarnings.For(samples, [], constantRun: true, server: null));

        Assert.Equal(
            "cold start: the first 10 requests' TTFT had a median of 902 ms (slowest 907 ms) against the steady state's median of 203 ms (p95 206 ms); they are in the figures, so TTFT's mean and upper percentiles include the server's warm-up; --warmup 10 (or a duration, e.g. --warmup 30s) leaves it out",
            warning);
    }

    [Fact]
    public void WarmupRequestsWereCold_SaysWhatTheWarmupHid()
    {
        var samples = SustainedDriftTests.Samples(100, t => t < 5 ? 1500 : 300, _ => 20).Select(s => s with { Warmup = s.SentMs < 5000 }).ToList();

        var warning = Assert.Single(StabilityWarnings.For(samples, [], constantRun: true, server: null));

        Assert.StartsWith("cold start hidden by the warm-up: the first 3 requests' TTFT had a median of 1500 ms", warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(8, 4)] // twice as slow, but 4 ms of a fast server's jitter is not a cold start
    [InlineData(300, 200)] // 100 ms more, but not twice the steady state
    public void FirstRequestsSlowerWithinTheRule_NoWarning(double firstMs, double steadyMs)
    {
        var samples = SustainedDriftTests.Samples(200, t => t < 10 ? firstMs : steadyMs, _ => 1);

        Assert.Empty(StabilityWarnings.For(samples, [], constantRun: true, server: null));
    }
}
