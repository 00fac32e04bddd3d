using LlmLoad.Engine;
using LlmLoad.Tests.Support;
using LlmLoad.Tests.Traffic;
using LlmLoad.Traffic;
using Microsoft.Extensions.Time.Testing;
using LlmLoad.Workload;

namespace LlmLoad.Tests.Engine;

/// <summary>Stages, users and trace replay driven by the engine on a fake clock.</summary>
public sealed class StagedLoadTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(5);
    private static readonly string[] StageNames = ["warmup", "ramp", "peak", "cooldown"];
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public async Task OpenStages_EachRequestCarriesItsStage_WarmupAndCooldownAreExcluded_RunEndsCompleted()
    {
        var plan = StagePlanTests.Plan("warmup hold 10/s for 1s", "ramp to 20/s over 1s", "hold 20/s for 1s as peak", "cooldown hold 10/s for 1s");
        var executor = new FakeExecutor(_clock, TimeSpan.FromMilliseconds(20));
        var shape = new LoadShape { Stages = plan, Duration = plan.Duration, Arrival = new ArrivalProcess(ArrivalKind.Constant) };

        var (result, start) = await RunAsync(shape, executor, TimeSpan.FromSeconds(6));

        Assert.Equal(StopReason.Completed, result.StoppedBy);
        var sent = executor.Sent.Select(s => s.Request).OrderBy(r => r.Seq).ToList();
        var perStage = sent.GroupBy(r => r.Stage!.Name).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal([10, 15, 20, 10], StageNames.Select(n => perStage[n].Count));
        Assert.All(perStage["warmup"].Concat(perStage["cooldown"]), r => Assert.True(r.Warmup));
        Assert.All(perStage["ramp"].Concat(perStage["peak"]), r => Assert.False(r.Warmup));
        Assert.All(sent, r => Assert.Equal(r.Stage, plan.At(_clock.GetElapsedTime(start, r.ScheduledAt).TotalSeconds)));
    }

    [Fact]
    public async Task UserStages_RampUpAndDown_InFlightFollowsTheUsersAskedFor()
    {
        var plan = StagePlanTests.Plan("ramp 0 users to 4 users over 2s", "hold 4 users for 1s", "ramp to 0 users over 1s");
        var executor = new FakeExecutor(_clock, TimeSpan.FromMilliseconds(100));
        var shape = new LoadShape { Stages = plan, Duration = plan.Duration };
        var start = _clock.GetTimestamp();
        var run = new LoadEngine(shape, executor, new LiveCounters(), _clock).RunAsync(start, CancellationToken.None);

        // Sampled where the level is between whole users and any user leaving has finished its last request.
        // Levels: 0.6, 2.6, 3.6, 4, 2.2 (the two leavers have finished their last request).
        var expected = new Dictionary<double, int> { [0.3] = 0, [1.3] = 2, [1.8] = 3, [2.5] = 4, [3.45] = 2 };
        var samples = new Dictionary<double, int>();
        for (var elapsed = TimeSpan.Zero; !run.IsCompleted && elapsed < TimeSpan.FromSeconds(6); elapsed += Step)
        {
            await Task.Delay(1);
            _clock.Advance(Step);
            foreach (var at in expected.Keys.Where(a => Math.Abs(a - (elapsed + Step).TotalSeconds) < 1e-9))
            {
                samples[at] = await InFlightOnceSettledAsync(executor, expected[at]);
            }
        }

        var result = await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(StopReason.Completed, result.StoppedBy);
        Assert.Equal(expected, samples);
        Assert.Equal(4, executor.MaxInFlight);
        // The last user leaves when the level drops below 1 (3.75 s), after its request in flight: before the stages' end.
        Assert.InRange(_clock.GetElapsedTime(start, result.EndedAt).TotalSeconds, 3.75, 3.9);
    }

    [Fact]
    public async Task UserStages_ThinkTime_EachUserWaitsBetweenResponseAndNextRequest()
    {
        var plan = StagePlanTests.Plan("hold 2 users for 2s think 400ms");
        var executor = new FakeExecutor(_clock, TimeSpan.FromMilliseconds(100));
        var shape = new LoadShape { Stages = plan, Duration = plan.Duration };

        var (_, start) = await RunAsync(shape, executor, TimeSpan.FromSeconds(4));

        // One request every 500 ms per user: at 0, 0.5, 1.0 and 1.5 s.
        var sendTimes = executor.Sent.Select(s => _clock.GetElapsedTime(start, s.SentAt).TotalSeconds).Order().ToList();
        Assert.Equal(8, sendTimes.Count);
        Assert.All(sendTimes.Chunk(2).Select((pair, i) => (pair, i)), x => Assert.All(x.pair, t => Assert.InRange(t, (x.i * 0.5) - 0.001, (x.i * 0.5) + 0.03)));
    }

    [Fact]
    public async Task TraceReplay_SendsAtTheTraceTimesScaled_WithItsLengths()
    {
        TraceArrival[] trace = [new(0, 100, 10), new(0.1, null, 20), new(0.25, 300, null), new(0.9, 400, 40)];
        var executor = new FakeExecutor(_clock, TimeSpan.FromMilliseconds(10));
        var shape = new LoadShape { Trace = trace, TraceTimeScale = 0.5 };

        var (result, start) = await RunAsync(shape, executor, TimeSpan.FromSeconds(3));

        Assert.Equal(StopReason.Completed, result.StoppedBy);
        var sent = executor.Sent.Select(s => s.Request).OrderBy(r => r.Seq).ToList();
        Assert.Equal([0, 50, 125, 450], sent.Select(r => Math.Round(_clock.GetElapsedTime(start, r.ScheduledAt).TotalMilliseconds, 6)));
        Assert.Equal([100, 1, 300, 400], sent.Select(r => r.Request.Plan.InputTokens));
        Assert.Equal([10, 20, 1, 40], sent.Select(r => r.Request.Plan.MaxOutputTokens));
    }

    /// <summary>
    /// Requests in flight once the engine has caught up with the fake clock. Its users react on the thread pool,
    /// which a busy machine can hold up for longer than a fixed pause: wait (real time, up to 2 s) for the count
    /// expected, then a little more, so that a count that only passes through it on the way elsewhere is caught.
    /// </summary>
    private static async Task<int> InFlightOnceSettledAsync(FakeExecutor executor, int expected)
    {
        for (var waited = 0; executor.InFlight != expected && waited < 2000; waited += 10)
        {
            await Task.Delay(10);
        }

        await Task.Delay(20);
        return executor.InFlight;
    }

    private async Task<(EngineResult Result, long Start)> RunAsync(LoadShape shape, FakeExecutor executor, TimeSpan limit)
    {
        var start = _clock.GetTimestamp();
        var run = new LoadEngine(shape, executor, new LiveCounters(), _clock).RunAsync(start, CancellationToken.None);
        for (var elapsed = TimeSpan.Zero; !run.IsCompleted && elapsed < limit; elapsed += Step)
        {
            await Task.Delay(1);
            _clock.Advance(Step);
        }

        return (await run.WaitAsync(TimeSpan.FromSeconds(10)), start);
    }
}
