using LlmLoad.Cost;
using LlmLoad.Traffic;

namespace LlmLoad.Engine;

/// <summary>
/// Closed loop: each user sends its next request as soon as its previous one ends (after its stage's
/// think time, if any). User i (from 0) is active while the stages ask for more than i users: a ramp
/// adds users one by one, a ramp down lets the last ones finish their request and leave. With a budget, the first
/// request whose worst case does not fit stops every user; those with a request in flight wait for it, then leave.
/// In a segment (<see cref="LoadShape.Segment"/> K/N) this process runs the users w with w mod N = K-1, numbers its
/// requests K-1, K-1+N, K-1+2N… (so the segments' seqs, and so their prompts, never collide), and sends its share
/// of <see cref="LoadShape.Requests"/>: the measured seqs of the whole run's first warm-up + requests that are its own.
/// </summary>
internal sealed class ClosedLoopDispatch(LoadShape shape, IRequestExecutor executor, LiveCounters counters, TimeProvider time, long startedAt, BudgetGuard? budget = null) : IDispatch
{
    /// <summary>Tolerance on the curve's arithmetic, so a user due exactly at a crossing is not a hair early.</summary>
    private const double LevelEpsilon = 1e-9;

    private long _nextSeq = -1;
    private long _measuredClaimed;
    private int _limitReached;
    private int _budgetReached;

    /// <summary>The measured requests this process sends: all of them, or its segment's share of the whole run's.</summary>
    private long? MeasuredQuota => shape.Requests is { } requests && !shape.Segment.IsWhole
        ? shape.Segment.ShareOf(shape.WarmupRequests + requests) - shape.Segment.ShareOf(shape.WarmupRequests)
        : shape.Requests;

    public async Task<StopReason> RunAsync(CancellationToken stopSending, CancellationToken abort)
    {
        var warmup = new WarmupRule(shape);
        var users = shape.Stages?.Curve ?? LoadCurve.Constant(shape.Concurrency ?? 1);
        // Wakes users that sleep (think time, a stage that does not want them yet) when the budget stops the run.
        using var stopUsers = CancellationTokenSource.CreateLinkedTokenSource(stopSending);
        var workers = Enumerable.Range(0, (int)Math.Ceiling(users.Peak - LevelEpsilon))
            .Where(user => shape.Segment.Owns(user))
            .Select(user => Task.Run(() => UserAsync(user, users, warmup, stopUsers, abort), CancellationToken.None));
        await Task.WhenAll(workers).ConfigureAwait(false);
        return _budgetReached == 1 ? StopReason.Budget
            : _limitReached == 1 ? StopReason.Requests
            : stopSending.IsCancellationRequested ? StopReason.Duration
            : StopReason.Completed;
    }

    private async Task UserAsync(int user, LoadCurve users, WarmupRule warmup, CancellationTokenSource stopUsers, CancellationToken abort)
    {
        var stopSending = stopUsers.Token;
        var random = new Random(LlmLoad.Workload.StreamSeed.For(shape.Seed, user, purpose: 1));
        try
        {
            while (!stopSending.IsCancellationRequested)
            {
                var now = time.GetElapsedTime(startedAt);
                if (users.LevelAt(now.TotalSeconds) + LevelEpsilon < user + 1)
                {
                    // Not wanted now: sleep until the stages want this user again, or leave for good.
                    if (users.FirstTimeAtLeast(user + 1 - LevelEpsilon, now.TotalSeconds) is not { } back)
                    {
                        return;
                    }

                    await Task.Delay(TimeSpan.FromSeconds(back) - now + TimeSpan.FromMilliseconds(1), time, stopSending).ConfigureAwait(false);
                    continue;
                }

                var seq = shape.Segment.Global(Interlocked.Increment(ref _nextSeq));
                var stage = shape.StageAt(now);
                var isWarmup = warmup.IsWarmup(seq, now, stage);
                if (!isWarmup && Interlocked.Increment(ref _measuredClaimed) > MeasuredQuota)
                {
                    Volatile.Write(ref _limitReached, 1);
                    return;
                }

                // Socket completions may run inline on the I/O thread; building the next prompt must not hold it.
                await Task.Yield();
                var prepared = executor.Prepare(seq);
                if (budget?.TryReserve(prepared.Plan) == false)
                {
                    Volatile.Write(ref _budgetReached, 1);
                    await stopUsers.CancelAsync().ConfigureAwait(false);
                    return;
                }

                counters.AddSent();
                await executor.ExecuteAsync(new ScheduledRequest(seq, isWarmup, time.GetTimestamp(), prepared, stage), stopSending, abort).ConfigureAwait(false);
                if (stage?.Think is { } think)
                {
                    await Task.Delay(think.Sample(random), time, stopSending).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stopSending.IsCancellationRequested)
        {
            // The run stopped sending while this user slept or thought.
        }
    }
}
