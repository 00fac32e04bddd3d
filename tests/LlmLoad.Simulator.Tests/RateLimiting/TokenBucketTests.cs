using System.Diagnostics;
using LlmLoad.Simulator.RateLimiting;

namespace LlmLoad.Simulator.Tests.RateLimiting;

public sealed class TokenBucketTests
{
    private static readonly long Second = Stopwatch.Frequency;

    [Fact]
    public void Bucket_StartsFull_RefillsAtLimitPerMinute_NeverAboveTheLimit()
    {
        var bucket = new TokenBucket(RateLimitKind.Tokens, 6000, 0, Second);
        Assert.Equal(6000, bucket.State().Remaining);
        Assert.Equal(TimeSpan.Zero, bucket.State().ResetIn);

        bucket.Take(5000);
        Assert.Equal(1000, bucket.State().Remaining);
        // 5,000 missing at 100 per second: full again in 50 s.
        Assert.Equal(50, bucket.State().ResetIn.TotalSeconds, 3);

        bucket.Refill(Second / 2);
        Assert.Equal(1050, bucket.State().Remaining);

        bucket.Refill(Second * 120);
        Assert.Equal(6000, bucket.State().Remaining);
    }

    [Fact]
    public void WaitFor_IsTheTimeUntilTheCostFits_NullWhenItNeverCan()
    {
        var bucket = new TokenBucket(RateLimitKind.Requests, 60, 0, Second);
        bucket.Take(60);

        Assert.False(bucket.Has(1));
        Assert.Equal(1, bucket.WaitFor(1)!.Value.TotalSeconds, 3);
        Assert.Equal(30, bucket.WaitFor(30)!.Value.TotalSeconds, 3);
        Assert.Null(bucket.WaitFor(61));

        bucket.Refill(Second);
        Assert.True(bucket.Has(1));
        Assert.Equal(TimeSpan.Zero, bucket.WaitFor(1));
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(0.4, "0s")]
    [InlineData(20, "20ms")]
    [InlineData(999, "999ms")]
    [InlineData(1000, "1s")]
    [InlineData(1500, "1.5s")]
    [InlineData(59_999, "59.999s")]
    [InlineData(360_000, "6m0s")]
    [InlineData(61_250, "1m1.25s")]
    [InlineData(3_600_000, "1h0m0s")]
    public void GoDuration_FormatsAsGoDoes(double milliseconds, string expected)
        => Assert.Equal(expected, GoDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));
}
