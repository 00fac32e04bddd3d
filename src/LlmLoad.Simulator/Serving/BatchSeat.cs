using System.Diagnostics;

namespace LlmLoad.Simulator.Serving;

/// <summary>
/// One request's place in the <see cref="BatchScheduler"/>: queued, then admitted into the batch.
/// Disposing it gives the slot and KV cache back (or leaves the queue), which admits the next in line.
/// </summary>
internal sealed class BatchSeat : IDisposable
{
    private readonly BatchScheduler _scheduler;
    private readonly TaskCompletionSource<bool> _admitted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _disposed;

    internal BatchSeat(BatchScheduler scheduler, long kvTokens)
    {
        _scheduler = scheduler;
        KvTokens = kvTokens;
        JoinedAt = Stopwatch.GetTimestamp();
    }

    public long KvTokens { get; }

    /// <summary>Stopwatch timestamp of joining the scheduler: queue time runs from here to <see cref="AdmittedAt"/>.</summary>
    public long JoinedAt { get; }

    /// <summary>Stopwatch timestamp of admission into the batch; 0 while queued.</summary>
    public long AdmittedAt { get; private set; }

    internal bool Abandoned { get; set; }

    /// <summary>True once admitted; false when <paramref name="cancellationToken"/> fires first (the seat then leaves the queue).</summary>
    public async ValueTask<bool> WaitAsync(CancellationToken cancellationToken)
    {
        if (_admitted.Task.IsCompleted)
        {
            return true;
        }

        using (cancellationToken.UnsafeRegister(static state => ((BatchSeat)state!).Abandon(), this))
        {
            return await _admitted.Task;
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_scheduler.TryAbandon(this) && AdmittedAt != 0)
        {
            _scheduler.Release(this);
        }
    }

    /// <summary>Called under the scheduler's lock.</summary>
    internal void MarkAdmitted(long timestamp)
    {
        AdmittedAt = timestamp;
        _admitted.TrySetResult(true);
    }

    private void Abandon()
    {
        if (_scheduler.TryAbandon(this))
        {
            _admitted.TrySetResult(false);
        }
    }
}
