using LlmLoad.Engine;
using LlmLoad.Tests.Support;
using LlmLoad.Traffic;
using Microsoft.Extensions.Time.Testing;

namespace LlmLoad.Tests.Engine;

public sealed class LoadEngineTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(5);
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public async Task RunAsync_OpenLoopConstantRate_SendsEachArrivalAtItsScheduledTime()
    {
        var executor = new FakeExecutor(_clock, TimeSpan.FromMilliseconds(10));
        var shape = new LoadShape { Rate = 20, Arrival = new ArrivalProcess(ArrivalKind.Constant), Requests = 40 };

        var (result, start) = await RunAsync(shape, executor, TimeSpan.FromSeconds(5));

        Assert.Equal(StopReason.Requests, result.StoppedBy);
        var sent = executor.Sent.OrderBy(s => s.Request.Seq).ToList();
        Assert.Equal(40, sent.Count);
        for (var i = 0; i < sent.Count; i++)
        {
            Assert.Equal(i * 50.0, Ms(start, sent[i].Request.ScheduledAt), 6);
            Assert.InRange(Ms(sent[i].Request.ScheduledAt, sent[i].SentAt), 0, Step.TotalMilliseconds * 2);
        }
    }

    [Fact]
    public async Task RunAsync_OpenLoopCapFull_CountsDroppedArrivalsInsteadOfSendingLate()
    {
        var executor = new FakeExecutor(_clock, TimeSpan.FromMilliseconds(180));
        var shape = new LoadShape { Rate = 20, Arrival = new ArrivalProcess(ArrivalKind.Constant), Concurrency = 2, Duration = TimeSpan.FromSeconds(2) };

        var (result, _) = await RunAsync(shape, executor, TimeSpan.FromSeconds(5));

        Assert.Equal(StopReason.Duration, result.StoppedBy);
        Assert.Equal(40, result.Sent + result.Dropped);
        Assert.True(result.Dropped >= 15, $"dropped {result.Dropped}");
        Assert.True(executor.MaxInFlight <= 2);
        Assert.All(executor.Sent, s => Assert.InRange(Ms(s.Request.ScheduledAt, s.SentAt), 0, Step.TotalMilliseconds * 2));
    }

    [Fact]
    public async Task RunAsync_PoissonSameSeed_SameArrivalTimes()
    {
        async Task<double[]> ArrivalsAsync()
        {
            var clock = new FakeTimeProvider();
            var executor = new FakeExecutor(clock, TimeSpan.FromMilliseconds(1));
            var shape = new LoadShape { Rate = 50, Seed = 11, Requests = 30 };
            var start = clock.GetTimestamp();
            await DriveAsync(clock, new LoadEngine(shape, executor, new LiveCounters(), clock).RunAsync(start, CancellationToken.None), TimeSpan.FromSeconds(5));
            return executor.Sent.OrderBy(s => s.Request.Seq).Select(s => clock.GetElapsedTime(start, s.Request.ScheduledAt).TotalMilliseconds).ToArray();
        }

        Assert.Equal(await ArrivalsAsync(), await ArrivalsAsync());
    }

    [Fact]
    public async Task RunAsync_ClosedLoop_KeepsNWorkersBusyUntilTheRequestLimit()
    {
        var executor = new FakeExecutor(_clock, TimeSpan.FromMilliseconds(100));
        var shape = new LoadShape { Concurrency = 3, Requests = 12 };

        var (result, start) = await RunAsync(shape, executor, TimeSpan.FromSeconds(5));

        Assert.Equal(StopReason.Requests, result.StoppedBy);
        Assert.Equal(12, executor.Sent.Count);
        Assert.Equal(3, executor.MaxInFlight);
        Assert.InRange(Ms(start, result.EndedAt), 400, 400 + (Step.TotalMilliseconds * 8));
    }

    [Fact]
    public async Task RunAsync_WarmupByCount_FlagsTheFirstRequestsAndSendsTheMeasuredOnesOnTop()
    {
        var executor = new FakeExecutor(_clock, TimeSpan.FromMilliseconds(20));
        var shape = new LoadShape { Concurrency = 1, Requests = 10, WarmupRequests = 5 };

        await RunAsync(shape, executor, TimeSpan.FromSeconds(5));

        var sent = executor.Sent.OrderBy(s => s.Request.Seq).ToList();
        Assert.Equal(15, sent.Count);
        Assert.All(sent.Take(5), s => Assert.True(s.Request.Warmup));
        Assert.All(sent.Skip(5), s => Assert.False(s.Request.Warmup));
    }

    [Fact]
    public async Task RunAsync_WarmupByDuration_FlagsRequestsScheduledInTheWarmupWindow()
    {
        var executor = new FakeExecutor(_clock, TimeSpan.FromMilliseconds(5));
        var shape = new LoadShape { Rate = 10, Arrival = new ArrivalProcess(ArrivalKind.Constant), Duration = TimeSpan.FromSeconds(2), WarmupDuration = TimeSpan.FromMilliseconds(500) };

        var (_, start) = await RunAsync(shape, executor, TimeSpan.FromSeconds(4));

        Assert.Equal(20, executor.Sent.Count);
        Assert.All(executor.Sent, s => Assert.Equal(Ms(start, s.Request.ScheduledAt) < 500, s.Request.Warmup));
    }

    [Fact]
    public async Task RunAsync_DurationEndsWithLongRequestsInFlight_CancelsThemAfterTheGrace()
    {
        var executor = new FakeExecutor(_clock, TimeSpan.FromSeconds(30));
        var shape = new LoadShape { Concurrency = 2, Duration = TimeSpan.FromSeconds(1), Grace = TimeSpan.FromMilliseconds(500) };

        var (result, start) = await RunAsync(shape, executor, TimeSpan.FromSeconds(5));

        Assert.Equal(StopReason.Duration, result.StoppedBy);
        Assert.Equal(2, executor.Cancelled);
        Assert.InRange(Ms(start, result.EndedAt), 1500, 1500 + (Step.TotalMilliseconds * 8));
    }

    [Fact]
    public async Task RunAsync_Interrupted_StopsSendingAndReportsInterrupted()
    {
        var executor = new FakeExecutor(_clock, TimeSpan.FromMilliseconds(50));
        var shape = new LoadShape { Rate = 100, Requests = 100_000, Grace = TimeSpan.FromSeconds(1) };
        using var interrupt = new CancellationTokenSource();
        var start = _clock.GetTimestamp();
        var run = new LoadEngine(shape, executor, new LiveCounters(), _clock).RunAsync(start, interrupt.Token);
        await AdvanceAsync(_clock, TimeSpan.FromMilliseconds(500));

        await interrupt.CancelAsync();
        var result = await DriveAsync(_clock, run, TimeSpan.FromSeconds(3));

        Assert.Equal(StopReason.Interrupted, result.StoppedBy);
        Assert.True(result.Sent < 200, $"sent {result.Sent}");
        Assert.Equal(0, executor.Cancelled);
    }

    private async Task<(EngineResult Result, long Start)> RunAsync(LoadShape shape, FakeExecutor executor, TimeSpan limit)
    {
        var start = _clock.GetTimestamp();
        var result = await DriveAsync(_clock, new LoadEngine(shape, executor, new LiveCounters(), _clock).RunAsync(start, CancellationToken.None), limit);
        return (result, start);
    }

    /// <summary>Moves the fake clock in small steps, letting the engine's continuations run in between, until the task ends.</summary>
    internal static async Task<T> DriveAsync<T>(FakeTimeProvider clock, Task<T> task, TimeSpan limit)
    {
        await DriveAsync(clock, (Task)task, limit);
        return await task;
    }

    private static async Task DriveAsync(FakeTimeProvider clock, Task task, TimeSpan limit)
    {
        for (var elapsed = TimeSpan.Zero; !task.IsCompleted && elapsed < limit; elapsed += Step)
        {
            await Task.Delay(1);
            clock.Advance(Step);
        }

        await task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static async Task AdvanceAsync(FakeTimeProvider clock, TimeSpan duration)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < duration; elapsed += Step)
        {
            await Task.Delay(1);
            clock.Advance(Step);
        }
    }

    private double Ms(long from, long to) => _clock.GetElapsedTime(from, to).TotalMilliseconds;
}
