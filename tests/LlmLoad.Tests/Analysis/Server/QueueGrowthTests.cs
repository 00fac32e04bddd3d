using LlmLoad.Analysis.Server;

namespace LlmLoad.Tests.Analysis.Server;

public sealed class QueueGrowthTests
{
    [Fact]
    public void Of_QueueClimbingThroughTheStage_IsUnbounded()
    {
        // Two more waiting every second for ten seconds, with a batch of 8 running.
        var points = Enumerable.Range(0, 11).Select(i => ((double)i, 2.0 * i)).ToList();
        var growth = QueueGrowth.Of("hold", 0, 10, points, meanRunning: 8, throughput: 30)!;
        Assert.Equal(2, growth.SlopePerSecond, 9);
        Assert.True(growth.Unbounded);
    }

    [Fact]
    public void Of_QueueWobblingAroundALevel_IsBounded()
    {
        // A full server whose queue swings between 10 and 14: busy, not falling behind.
        var points = Enumerable.Range(0, 20).Select(i => ((double)i, i % 2 == 0 ? 10.0 : 14.0)).ToList();
        Assert.False(QueueGrowth.Of("hold", 0, 20, points, meanRunning: 8, throughput: 30)!.Unbounded);
    }

    [Fact]
    public void Of_ARiseSmallerThanHalfTheBatch_IsBounded()
    {
        // Up by 3 over the stage with a batch of 64 running: noise at that size, not a queue running away.
        var points = Enumerable.Range(0, 10).Select(i => ((double)i, i / 3.0)).ToList();
        Assert.False(QueueGrowth.Of("hold", 0, 10, points, meanRunning: 64, throughput: 30)!.Unbounded);
    }

    [Fact]
    public void Of_TooFewScrapes_SaysNothing()
        => Assert.Null(QueueGrowth.Of("hold", 0, 1, [(0, 0), (0.5, 3), (1, 6)], meanRunning: 1, throughput: 1));
}
