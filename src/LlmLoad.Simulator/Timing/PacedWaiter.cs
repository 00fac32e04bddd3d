using System.Diagnostics;
using System.Threading.Tasks.Sources;

namespace LlmLoad.Simulator.Timing;

/// <summary>
/// One stream's reusable wait on the <see cref="Pacer"/>: a stream waits once per token, tens of thousands
/// of times a second across a server, so the wait allocates nothing (no task, no cancellation registration
/// per token). Garbage per token meant frequent collections, and their pauses were the tail of the
/// simulator's own schedule error. One wait at a time; the stream's cancellation ends the current wait.
/// </summary>
internal sealed class PacedWaiter : IValueTaskSource<bool>, IDisposable
{
    /// <summary>Waits due within this are not queued: the pacer would release them at once anyway.</summary>
    internal static readonly long HalfMillisecond = Stopwatch.Frequency / 2000;

    private readonly CancellationTokenRegistration _registration;
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };
    private int _waiting;
    private volatile bool _cancelled;

    public PacedWaiter(CancellationToken cancellationToken)
    {
        _registration = cancellationToken.UnsafeRegister(static state => ((PacedWaiter)state!).Cancel(), this);
    }

    /// <summary>True at <paramref name="due"/> (at once if it has passed); false when the stream was cancelled.</summary>
    public ValueTask<bool> WaitUntilAsync(long due)
    {
        if (_cancelled)
        {
            return new ValueTask<bool>(false);
        }

        if (due - HalfMillisecond <= Stopwatch.GetTimestamp())
        {
            return new ValueTask<bool>(true);
        }

        _core.Reset();
        Volatile.Write(ref _waiting, 1);
        Pacer.Shared.Enqueue(this, due);
        // Cancelled between the check above and now: the registration may have found nothing to end.
        if (_cancelled)
        {
            Release(false);
        }

        return new ValueTask<bool>(this, _core.Version);
    }

    /// <summary>Ends the current wait, once: by the pacer (true) or by cancellation (false). A stale call finds nothing waiting.</summary>
    internal void Release(bool result)
    {
        if (Interlocked.Exchange(ref _waiting, 0) == 1)
        {
            _core.SetResult(result);
        }
    }

    public void Dispose() => _registration.Dispose();

    bool IValueTaskSource<bool>.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
        => _core.OnCompleted(continuation, state, token, flags);

    private void Cancel()
    {
        _cancelled = true;
        Release(false);
    }
}
