using LlmLoad.Cost;

namespace LlmLoad.Engine;

/// <summary>
/// Decides when each request is sent and when sending stops; the executor does the sending.
/// Open loop: arrivals on an absolute clock, capped by concurrency, late arrivals counted as dropped.
/// Closed loop: N workers, each sending its next request when its previous one ends.
/// With a <paramref name="budget"/>, each request's worst case is reserved before it is sent; the first one refused
/// stops sending (<see cref="StopReason.Budget"/>) and the requests in flight finish, without the grace period's cut-off.
/// </summary>
internal sealed class LoadEngine(LoadShape shape, IRequestExecutor executor, LiveCounters counters, TimeProvider time, BudgetGuard? budget = null)
{
    /// <param name="startedAt">The run's zero, as a timestamp of <paramref name="time"/>'s clock.</param>
    /// <param name="triggers">Guards (the breaker, aborting SLOs) that stop sending as Ctrl-C does, each with its reason.</param>
    public async Task<EngineResult> RunAsync(long startedAt, CancellationToken interrupt, params IReadOnlyList<StopTrigger> triggers)
    {
        using var durationEnd = shape.Duration is { } duration ? new CancellationTokenSource(duration, time) : new CancellationTokenSource();
        using var stopSending = CancellationTokenSource.CreateLinkedTokenSource([durationEnd.Token, interrupt, .. triggers.Select(t => t.Token)]);
        using var abort = new CancellationTokenSource();

        // Once sending stops for time, Ctrl-C or the breaker, requests in flight get the grace period, then are cancelled.
        using var graceTimer = time.CreateTimer(_ => abort.Cancel(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        await using var onStop = stopSending.Token.Register(() => graceTimer.Change(shape.Grace, Timeout.InfiniteTimeSpan)).ConfigureAwait(false);

        var dispatch = shape.IsOpenLoop
            ? new OpenLoopDispatch(shape, executor, counters, time, startedAt, budget)
            : (IDispatch)new ClosedLoopDispatch(shape, executor, counters, time, startedAt, budget);
        // The open loop sleeps precisely between arrivals by blocking its thread: give it one of its own.
        var reason = await Task.Factory.StartNew(() => dispatch.RunAsync(stopSending.Token, abort.Token),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap().ConfigureAwait(false);
        if (reason == StopReason.Duration)
        {
            reason = interrupt.IsCancellationRequested ? StopReason.Interrupted
                : triggers.FirstOrDefault(t => t.Token.IsCancellationRequested) is { Token.IsCancellationRequested: true } trigger ? trigger.Reason
                : shape.Stages is not null ? StopReason.Completed
                : StopReason.Duration;
        }

        return new EngineResult(reason, startedAt, time.GetTimestamp(), counters.Sent, counters.Dropped);
    }
}
