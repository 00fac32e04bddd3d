using LlmLoad.Analysis.Watches;


namespace LlmLoad.Tests.Analysis.Watches;

/// <summary>The breaker's sliding window with explicit completion times (milliseconds of run time).</summary>
public sealed class ErrorRateBreakerTests
{
    private static BreakerSpec Spec(double threshold = 0.5, int windowSeconds = 10, int min = 4)
        => new("test", threshold, TimeSpan.FromSeconds(windowSeconds), min);

    [Fact]
    public void Observe_AboveThresholdOnceMinReached_Trips()
    {
        using var breaker = new ErrorRateBreaker(Spec());

        breaker.Observe(100, failed: true);
        breaker.Observe(200, failed: true);
        breaker.Observe(300, failed: true);
        Assert.Null(breaker.Trip);
        Assert.False(breaker.Tripped.IsCancellationRequested);

        breaker.Observe(400, failed: false);

        Assert.True(breaker.Tripped.IsCancellationRequested);
        Assert.Equal((3, 4, 400.0), (breaker.Trip!.Failed, breaker.Trip.Completed, breaker.Trip.AtMs));
        Assert.Equal(0.75, breaker.Trip.ErrorRate);
    }

    [Fact]
    public void Observe_ExactlyAtThreshold_DoesNotTrip()
    {
        using var breaker = new ErrorRateBreaker(Spec());

        foreach (var (ms, failed) in new[] { (100.0, false), (200, true), (300, false), (400, true), (500, false), (600, true) })
        {
            breaker.Observe(ms, failed);
        }

        Assert.Null(breaker.Trip);
    }

    [Fact]
    public void Observe_FailuresOutsideTheWindow_AreEvicted()
    {
        using var breaker = new ErrorRateBreaker(Spec(windowSeconds: 1));

        // Three failures early on, then successes more than a window later: the failures no longer count.
        breaker.Observe(0, failed: true);
        breaker.Observe(100, failed: true);
        breaker.Observe(200, failed: true);
        breaker.Observe(1_500, failed: false);
        breaker.Observe(1_600, failed: false);
        breaker.Observe(1_700, failed: true);
        breaker.Observe(1_800, failed: false);
        Assert.Null(breaker.Trip);

        // 1 400 … 2 400 holds 2 failures of 5: not above half.
        breaker.Observe(2_400, failed: true);
        Assert.Null(breaker.Trip);

        // 1 500 … 2 500 (1 500 itself is out) holds 3 failures of 5.
        breaker.Observe(2_500, failed: true);
        Assert.NotNull(breaker.Trip);
        Assert.Equal((3, 5), (breaker.Trip!.Failed, breaker.Trip.Completed));
    }

    [Fact]
    public void Window_EvictsUpToTheWindowAndKeepsAReorderedLateArrival()
    {
        var window = new ErrorRateWindow(TimeSpan.FromSeconds(2));

        window.Add(0, failed: true);
        window.Add(1_000, failed: false);
        window.Add(2_000, failed: true);
        Assert.Equal((2, 1), (window.Count, window.Failed));

        // A record that arrives late (completed before the latest) is counted; "now" does not move back.
        window.Add(1_500, failed: true);
        Assert.Equal((3, 2), (window.Count, window.Failed));

        window.Add(5_000, failed: false);
        Assert.Equal((1, 0), (window.Count, window.Failed));
        Assert.Equal(0, window.ErrorRate);
    }

    [Fact]
    public void Observe_BelowMinimumSample_NeverTrips()
    {
        using var breaker = new ErrorRateBreaker(Spec(min: 20, windowSeconds: 1));

        for (var i = 0; i < 100; i++)
        {
            breaker.Observe(i * 100, failed: true);
        }

        Assert.Null(breaker.Trip);
    }
}
