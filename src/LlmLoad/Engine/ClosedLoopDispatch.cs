namespace LlmLoad.Engine;

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
