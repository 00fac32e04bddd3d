using LlmLoad.Analysis.Server;

namespace LlmLoad.Tests.Analysis.Server;

public sealed class HistogramSnapshotTests
{
    private static readonly double[] Bounds = [0.3, 0.5, 1.0, double.PositiveInfinity];

    [Fact]
    public void Quantile_InsideABucket_InterpolatesAsHistogramQuantileDoes()
    {
        // 10 observations: 4 up to 0.3 s, 4 in (0.3, 0.5], 2 in (0.5, 1]. The median (rank 5) is a quarter into the
        // second bucket: 0.3 + 0.2 x 1/4 = 0.35; p95 (rank 9.5) is three quarters into the third: 0.5 + 0.5 x 0.75.
        var histogram = new HistogramSnapshot(Bounds, [4, 8, 10, 10], 10, 4);
        Assert.Equal(0.35, histogram.Quantile(0.5)!.Value, 9);
        Assert.Equal(0.875, histogram.Quantile(0.95)!.Value, 9);
        Assert.Equal(0.4, histogram.Mean);
    }

    [Fact]
    public void Since_AnEarlierScrape_IsWhatWasObservedBetweenThem()
    {
        var earlier = new HistogramSnapshot(Bounds, [4, 8, 10, 10], 10, 4);
        var later = new HistogramSnapshot(Bounds, [4, 8, 12, 14], 14, 10);
        var between = later.Since(earlier);
        Assert.Equal([0.0, 0.0, 2.0, 4.0], between.Cumulative);
        Assert.Equal(4, between.Count);
        // Half the new observations are past the last finite bound: p75 is reported as that bound, as PromQL does.
        Assert.Equal(1.0, between.Quantile(0.75));
    }

    [Fact]
    public void Since_AfterARestart_CountsWhatCameAfterIt()
    {
        var beforeRestart = new HistogramSnapshot(Bounds, [40, 80, 100, 100], 100, 40);
        var afterRestart = new HistogramSnapshot(Bounds, [1, 2, 2, 2], 2, 0.6);
        Assert.Equal(2, afterRestart.Since(beforeRestart).Count);
    }
}
