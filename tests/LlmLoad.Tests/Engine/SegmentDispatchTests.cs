using LlmLoad.Engine;
using LlmLoad.Tests.Support;
using LlmLoad.Traffic;
using Microsoft.Extensions.Time.Testing;

namespace LlmLoad.Tests.Engine;

/// <summary>Execution segments: N processes with --segment K/N send, together, exactly what one process sends.</summary>
public sealed class SegmentDispatchTests
{
    [Fact]
    public async Task OpenLoop_ThreeSegments_AddUpToTheWholeScheduleWithTheSameSeqsAndTimes()
    {
        var shape = new LoadShape { Rate = 50, Seed = 11, Requests = 30, WarmupRequests = 2 };
        var whole = await SentAsync(shape);
        var segments = new List<(long Seq, double ScheduledMs, bool Warmup)>();
        for (var k = 1; k <= 3; k++)
        {
            var part = await SentAsync(shape with { Segment = new ExecutionSegment(k, 3) });
            Assert.All(part, r => Assert.Equal(k - 1, r.Seq % 3));
            segments.AddRange(part);
        }

        Assert.Equal(32, whole.Count);
        Assert.Equal(whole.OrderBy(r => r.Seq), segments.OrderBy(r => r.Seq));
    }

    [Fact]
    public async Task StagesAndTrace_FourSegments_AddUpToTheWholeRun()
    {
        var plan = Traffic.StagePlanTests.Plan("warmup hold 10/s for 1s", "ramp to 30/s over 1s", "hold 30/s for 1s as peak");
        var staged = new LoadShape { Stages = plan, Duration = plan.Duration, Seed = 5 };
        var trace = new LoadShape { Trace = [.. Enumerable.Range(0, 25).Select(i => new TraceArrival(i * 0.037, 10 + i, 5))] };
        foreach (var shape in new[] { staged, trace })
        {
            var whole = await SentAsync(shape);
            var parts = new List<(long Seq, double ScheduledMs, bool Warmup)>();
            for (var k = 1; k <= 4; k++)
            {
                parts.AddRange(await SentAsync(shape with { Segment = new ExecutionSegment(k, 4) }));
            }

            Assert.NotEmpty(whole);
            Assert.Equal(whole.OrderBy(r => r.Seq), parts.OrderBy(r => r.Seq));
        }
    }

    [Fact]
    public async Task ClosedLoop_TwoSegments_SplitUsersAndRequestsWithoutSharingASeq()
    {
        var shape = new LoadShape { Concurrency = 4, Requests = 11, WarmupRequests = 1 };
        var first = await SentAsync(shape with { Segment = new ExecutionSegment(1, 2) });
        var second = await SentAsync(shape with { Segment = new ExecutionSegment(2, 2) });

        // Seqs 0..11 (one warm-up + 11 measured), the even ones sent by segment 1, the odd ones by segment 2.
        Assert.Equal([0, 2, 4, 6, 8, 10], first.Select(r => r.Seq).Order());
        Assert.Equal([1, 3, 5, 7, 9, 11], second.Select(r => r.Seq).Order());
        Assert.Equal(11, first.Concat(second).Count(r => !r.Warmup));
    }

    [Theory]
    [InlineData("0/3", "does not exist among 3")]
    [InlineData("4/3", "does not exist among 3")]
    [InlineData("x", "expected K/N")]
    [InlineData("1/0", "at least 1")]
    public void Parse_BadSegment_SaysWhatIsExpected(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ExecutionSegment.Parse(text));
        Assert.Contains(expected, error.Message);
    }

    private static async Task<List<(long Seq, double ScheduledMs, bool Warmup)>> SentAsync(LoadShape shape)
    {
        var clock = new FakeTimeProvider();
        var executor = new FakeExecutor(clock, TimeSpan.FromMilliseconds(30));
        var start = clock.GetTimestamp();
        await LoadEngineTests.DriveAsync(clock, new LoadEngine(shape, executor, new LiveCounters(), clock).RunAsync(start, CancellationToken.None), TimeSpan.FromSeconds(10));
        return [.. executor.Sent.Select(s => (s.Request.Seq, Math.Round(clock.GetElapsedTime(start, s.Request.ScheduledAt).TotalMilliseconds, 6), s.Request.Warmup))];
    }
}
