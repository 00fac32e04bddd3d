using LlmLoad.Simulator.Metrics;

namespace LlmLoad.Simulator.Tests.Metrics;

public sealed class HistogramSeriesTests
{
    [Fact]
    public void Observe_ValueOnABound_LandsInThatBucket()
    {
        var series = new HistogramSeries([0.1, 1]);

        series.Observe(0.1);
        series.Observe(1.5);

        Assert.Equal([1L, 0L, 1L], [series.CountIn(0), series.CountIn(1), series.CountIn(2)]);
    }

    [Fact]
    public void Observe_NaN_IsDroppedAndLeavesTheSumUsable()
    {
        var series = new HistogramSeries([1]);

        series.Observe(double.NaN);
        series.Observe(0.5);

        Assert.Equal(0.5, series.Sum);
        Assert.Equal(1, series.CountIn(0) + series.CountIn(1));
    }

    [Fact]
    public async Task Observe_FromManyThreadsAtOnce_LosesNoCountAndNoSum()
    {
        const int threads = 8;
        const int perThread = 100_000;
        var series = new HistogramSeries(VllmBuckets.SendLag);

        // 0.5 and 0.25 are exact in binary, so any lost or doubled update shows in the sum.
        await Task.WhenAll(Enumerable.Range(0, threads).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < perThread; i++)
            {
                series.Observe(t % 2 == 0 ? 0.5 : 0.25);
            }
        })));

        var count = Enumerable.Range(0, VllmBuckets.SendLag.Count + 1).Sum(series.CountIn);
        Assert.Equal(threads * perThread, count);
        Assert.Equal((threads / 2 * 0.5 + threads / 2 * 0.25) * perThread, series.Sum);
    }

    [Fact]
    public void Constructor_BoundsNotIncreasing_Throws()
    {
        Assert.Throws<ArgumentException>(() => new HistogramSeries([1, 1]));
        Assert.Throws<ArgumentException>(() => new HistogramSeries([1, double.PositiveInfinity]));
    }
}
