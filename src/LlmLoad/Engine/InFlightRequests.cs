namespace LlmLoad.Engine;

/// <summary>Tracks the requests of an open-loop run that are still running, so the run can wait for them.</summary>
internal sealed class InFlightRequests
{
    private readonly Lock _gate = new();
    private int _count;
    private TaskCompletionSource? _changed;

    public int Count => Volatile.Read(ref _count);

    public void Track(Task request)
    {
        Interlocked.Increment(ref _count);
        request.ContinueWith(static (_, state) => ((InFlightRequests)state!).Finished(), this, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Completes when fewer than <paramref name="limit"/> requests are running.</summary>
    public async Task WaitBelowAsync(int limit, CancellationToken cancellationToken)
    {
        while (Count >= limit)
        {
            await NextChange(limit).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private Task NextChange(int limit)
    {
        lock (_gate)
        {
            _changed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return Count < limit ? Task.CompletedTask : _changed.Task;
        }
    }

    private void Finished()
    {
        Interlocked.Decrement(ref _count);
        TaskCompletionSource? changed;
        lock (_gate)
        {
            changed = _changed;
            _changed = null;
        }

        changed?.TrySetResult();
    }
}
