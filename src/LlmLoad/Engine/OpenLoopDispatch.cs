using LlmLoad.Cost;

namespace LlmLoad.Engine;

/// <summary>
/// Open loop: request i goes at start + offset(i), whatever happened to the requests before it. With a budget, the
/// first arrival whose worst case does not fit ends sending.
/// In a segment (<see cref="LoadShape.Segment"/>) every arrival of the whole schedule is still drawn, in order, and
/// numbered by its place in it (its seq), but only this segment's are sent, at their own times: the others are
/// counted (warm-up, the request limit) as the segments that send them count them, so the N segments together
/// send exactly the arrivals, prompts and times of the whole run (a dropped arrival keeps its number here).
/// </summary>
internal sealed class OpenLoopDispatch(LoadShape shape, IRequestExecutor executor, LiveCounters counters, TimeProvider time, long startedAt, BudgetGuard? budget = null) : IDispatch
{
    public async Task<StopReason> RunAsync(CancellationToken stopSending, CancellationToken abort)
    {
        var arrivals = shape.Arrivals();
        var unlimitedRate = shape.Rate is double.PositiveInfinity;
        var cap = shape.Concurrency ?? int.MaxValue;
        var inFlight = new InFlightRequests();
        var warmup = new WarmupRule(shape);
        var segment = shape.Segment;
        long seq = 0, measured = 0;
        var reason = StopReason.Duration;
        PreparedRequest? prepared = null;
        try
        {
            while (true)
            {
                if (arrivals.Next() is not { } arrival)
                {
                    reason = StopReason.Completed;
                    break;
                }

                if (arrival.Offset >= shape.Duration)
                {
                    break;
                }

                var stage = shape.StageAt(arrival.Offset);
                var isWarmup = warmup.IsWarmup(seq, arrival.Offset, stage);
                if (!isWarmup && measured >= shape.Requests)
                {
                    reason = StopReason.Requests;
                    break;
                }

                if (!segment.IsWhole && !segment.Owns(seq))
                {
                    // Another segment's arrival: it sends it, this one only keeps count.
                    seq++;
                    measured += isWarmup ? 0 : 1;
                    continue;
                }

                // Build the body before the send time, so building it adds no latency to the send.
                prepared ??= executor.Prepare(seq, arrival.InputTokens, arrival.OutputTokens);
                var scheduledAt = startedAt + (long)(arrival.Offset.TotalSeconds * time.TimestampFrequency);
                await PreciseDelay.UntilAsync(time, scheduledAt, stopSending).ConfigureAwait(false);
                var request = new ScheduledRequest(seq, isWarmup, scheduledAt, prepared, stage);
                if (inFlight.Count >= cap)
                {
                    if (!unlimitedRate)
                    {
                        // k6's "dropped iteration": sending it late would hide the overload it reveals.
                        counters.AddDropped();
                        executor.Dropped(request);
                        if (!segment.IsWhole)
                        {
                            // In a segment each arrival keeps its number, and the body was built for it.
                            prepared = null;
                            seq++;
                            measured += isWarmup ? 0 : 1;
                            continue;
                        }

                        // The body goes to the next arrival, unless it was built to this one's trace lengths.
                        prepared = arrival.InputTokens is null && arrival.OutputTokens is null ? prepared : null;
                        continue;
                    }

                    await inFlight.WaitBelowAsync(cap, stopSending).ConfigureAwait(false);
                }

                // Reserved at the send time, not the arrival's preparation: requests that ended meanwhile have given theirs back.
                if (budget?.TryReserve(prepared.Plan) == false)
                {
                    reason = StopReason.Budget;
                    break;
                }

                counters.AddSent();
                inFlight.Track(executor.ExecuteAsync(request, stopSending, abort));
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
        return reason;
    }
}
