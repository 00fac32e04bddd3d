using LlmLoad.Traffic;

namespace LlmLoad.Engine;

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
                        executor.Dropped(new ScheduledRequest(seq, isWarmup, scheduledAt, prepared));
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
