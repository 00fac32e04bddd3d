using LlmLoad.Traffic;

namespace LlmLoad.Engine;

/// <summary>
/// Decides when each request is sent and when sending stops; the executor does the sending.
/// Open loop: arrivals on an absolute clock, capped by concurrency, late arrivals counted as dropped.
/// Closed loop: N workers, each sending its next request when its previous one ends.
/// </summary>
internal sealed class LoadEngine(LoadShape shape, IRequestExecutor executor, LiveCounters counters, TimeProvider time)
{
    /// <param name="startedAt">The run's zero, as a timestamp of <paramref name="time"/>'s clock.</param>
    public async Task<EngineResult> RunAsync(long startedAt, CancellationToken interrupt)
    {
        using var durationEnd = shape.Duration is { } duration ? new CancellationTokenSource(duration, time) : new CancellationTokenSource();
        using var stopSending = CancellationTokenSource.CreateLinkedTokenSource(durationEnd.Token, interrupt);
        using var abort = new CancellationTokenSource();

        // Once sending stops for time or Ctrl-C, requests in flight get the grace period, then are cancelled.
        using var graceTimer = time.CreateTimer(_ => abort.Cancel(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        await using var onStop = stopSending.Token.Register(() => graceTimer.Change(shape.Grace, Timeout.InfiniteTimeSpan)).ConfigureAwait(false);

        var dispatch = shape.IsOpenLoop
            ? new OpenLoopDispatch(shape, executor, counters, time, startedAt)
            : (IDispatch)new ClosedLoopDispatch(shape, executor, counters, time, startedAt);
        // The open loop sleeps precisely between arrivals by blocking its thread: give it one of its own.
        var limitReached = await Task.Factory.StartNew(() => dispatch.RunAsync(stopSending.Token, abort.Token),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap().ConfigureAwait(false);

        var reason = limitReached ? StopReason.Requests
            : interrupt.IsCancellationRequested ? StopReason.Interrupted
            : StopReason.Duration;
        return new EngineResult(reason, startedAt, time.GetTimestamp(), counters.Sent, counters.Dropped);
    }
}

internal interface IDispatch
{
    /// <summary>Sends until the request limit (returns true) or until <paramref name="stopSending"/>; returns once every request ended.</summary>
    Task<bool> RunAsync(CancellationToken stopSending, CancellationToken abort);
}

/// <summary>Open loop: request i goes at start + offset(i), whatever happened to the requests before it.</summary>
internal sealed class OpenLoopDispatch(LoadShape shape, IRequestExecutor executor, LiveCounters counters, TimeProvider time, long startedAt) : IDispatch
{
    public async Task<bool> RunAsync(CancellationToken stopSending, CancellationToken abort)
    {
        var rate = shape.Rate!.Value;
        var schedule = new ArrivalSchedule(rate, shape.Arrival, shape.Seed);
        var cap = shape.Concurrency ?? int.MaxValue;
        var inFlight = new InFlightRequests();
        var warmup = new WarmupRule(shape);
        long seq = 0, measured = 0;
        var limitReached = false;
        PreparedRequest? prepared = null;
        try
        {
            while (true)
            {
                var offset = schedule.Next();
                if (offset >= shape.Duration)
                {
                    break;
                }

                var isWarmup = warmup.IsWarmup(seq, offset);
                if (!isWarmup && measured >= shape.Requests)
                {
                    limitReached = true;
                    break;
                }

                // Build the body before the send time, so building it adds no latency to the send.
                prepared ??= executor.Prepare(seq);
                var scheduledAt = startedAt + (long)(offset.TotalSeconds * time.TimestampFrequency);
                await PreciseDelay.UntilAsync(time, scheduledAt, stopSending).ConfigureAwait(false);
                if (inFlight.Count >= cap)
                {
                    if (!double.IsPositiveInfinity(rate))
                    {
                        // k6's "dropped iteration": sending it late would hide the overload it reveals.
                        counters.AddDropped();
                        continue;
                    }

                    await inFlight.WaitBelowAsync(cap, stopSending).ConfigureAwait(false);
                }

                counters.AddSent();
                inFlight.Track(executor.ExecuteAsync(new ScheduledRequest(seq, isWarmup, scheduledAt, prepared), abort));
                prepared = null;
                seq++;
                measured += isWarmup ? 0 : 1;
            }
        }
        catch (OperationCanceledException) when (stopSending.IsCancellationRequested)
        {
            // Duration end or Ctrl-C while waiting for the next arrival.
        }

        await inFlight.WaitBelowAsync(1, CancellationToken.None).ConfigureAwait(false);
        return limitReached;
    }
}

/// <summary>Closed loop: each worker sends its next request as soon as its previous one ends.</summary>
internal sealed class ClosedLoopDispatch(LoadShape shape, IRequestExecutor executor, LiveCounters counters, TimeProvider time, long startedAt) : IDispatch
{
    private long _nextSeq = -1;
    private long _measuredClaimed;
    private int _limitReached;

    public async Task<bool> RunAsync(CancellationToken stopSending, CancellationToken abort)
    {
        var warmup = new WarmupRule(shape);
        var workers = Enumerable.Range(0, shape.Concurrency ?? 1)
            .Select(_ => Task.Run(() => WorkAsync(warmup, stopSending, abort), CancellationToken.None));
        await Task.WhenAll(workers).ConfigureAwait(false);
        return _limitReached == 1;
    }

    private async Task WorkAsync(WarmupRule warmup, CancellationToken stopSending, CancellationToken abort)
    {
        while (!stopSending.IsCancellationRequested)
        {
            var seq = Interlocked.Increment(ref _nextSeq);
            var isWarmup = warmup.IsWarmup(seq, time.GetElapsedTime(startedAt));
            if (!isWarmup && Interlocked.Increment(ref _measuredClaimed) > shape.Requests)
            {
                Volatile.Write(ref _limitReached, 1);
                return;
            }

            // Socket completions may run inline on the I/O thread; building the next prompt must not hold it.
            await Task.Yield();
            var prepared = executor.Prepare(seq);
            counters.AddSent();
            await executor.ExecuteAsync(new ScheduledRequest(seq, isWarmup, time.GetTimestamp(), prepared), abort).ConfigureAwait(false);
        }
    }
}

/// <summary>Warm-up is the first N requests, or the requests scheduled within the first D of the run.</summary>
internal sealed class WarmupRule(LoadShape shape)
{
    public bool IsWarmup(long seq, TimeSpan scheduledOffset)
        => seq < shape.WarmupRequests || scheduledOffset < shape.WarmupDuration;
}
