using LlmLoad.Analysis;

namespace LlmLoad.Tests.Analysis;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Stats_OneToThousandMs_PercentilesWithinHistogramPrecision()
    {
        var histogram = new LatencyHistogram();
        for (var ms = 1; ms <= 1000; ms++)
        {
            histogram.Record(ms);
        }

        var stats = histogram.Stats();

        Assert.Equal(1000, stats.Count);
        Assert.Equal(500.5, stats.Mean, 0.5);
        Assert.Equal(500, stats.P50, 0.5);
        Assert.Equal(990, stats.P99, 1.0);
        Assert.Equal(1000, stats.Max, 1.0);
        Assert.Equal(1, stats.Min, 0.01);
    }

    [Fact]
    public void Add_TwoShards_EqualsOneHistogramOfAllValues()
    {
        var whole = new LatencyHistogram();
        var first = new LatencyHistogram();
        var second = new LatencyHistogram();
        var random = new Random(3);
        for (var i = 0; i < 10_000; i++)
        {
            var ms = random.NextDouble() * 5000;
            whole.Record(ms);
            (i % 2 == 0 ? first : second).Record(ms);
        }

        first.Add(second);

        Assert.Equal(whole.Stats(), first.Stats());
    }

    [Fact]
    public void Stats_Empty_IsAllZero() => Assert.Equal(LatencyStats.Empty, new LatencyHistogram().Stats());
}
