using System.Diagnostics;

namespace LlmLoad.Simulator.Timing;

/// <summary>
/// Releases waiters at absolute Stopwatch timestamps, to within about half a millisecond.
/// </summary>
/// <remarks>
/// <see cref="Task.Delay(TimeSpan)"/> is not precise enough: .NET timers run on a coarse tick that
/// is 4 ms on common Linux kernels (HZ=250), so tokens would leave up to 4 ms early or late and
/// every inter-token latency a client measures would carry that jitter. A monitor wait on one
/// dedicated thread is accurate to ~0.1 ms, and one thread serves every stream of every server in
/// the process, so its cost does not grow with the number of streams.
/// </remarks>
internal sealed class Pacer
{
    /// <summary>Waiters within this of their due time are released: errors stay within ±½ ms.</summary>
    private static readonly long HalfMillisecond = Stopwatch.Frequency / 2000;

    private readonly object _gate = new();
    private readonly PriorityQueue<TaskCompletionSource<bool>, long> _waiters = new();
    private readonly List<TaskCompletionSource<bool>> _due = [];

    private Pacer()
    {
        new Thread(Run) { IsBackground = true, Name = "llmload simulator pacer" }.Start();
    }

    public static Pacer Shared { get; } = new();

    /// <summary>
    /// Completes at <paramref name="due"/> (at once if it has passed) with true, or early with false
    /// when <paramref name="cancellationToken"/> fires: an aborted request is routine under load and
    /// should not cost an exception.
    /// </summary>
    public async ValueTask<bool> WaitUntilAsync(long due, CancellationToken cancellationToken)
    {
        if (due - HalfMillisecond <= Stopwatch.GetTimestamp())
        {
            return !cancellationToken.IsCancellationRequested;
        }

        var waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = cancellationToken.UnsafeRegister(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(false), waiter);
        lock (_gate)
        {
            _waiters.Enqueue(waiter, due);
            if (_waiters.Peek() == waiter)
            {
                // The new earliest waiter: the pacer thread must shorten its sleep.
                Monitor.Pulse(_gate);
            }
        }

        return await waiter.Task;
    }

    private void Run()
    {
        while (true)
        {
            lock (_gate)
            {
                while (!TakeDue())
                {
                    if (!_waiters.TryPeek(out _, out var nextDue))
                    {
                        Monitor.Wait(_gate);
                        continue;
                    }

                    var sleep = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), nextDue - HalfMillisecond);
                    Monitor.Wait(_gate, (int)Math.Ceiling(Math.Max(sleep.TotalMilliseconds, 0)));
                }
            }

            // Completed outside the lock: continuations are queued to the thread pool, never run here.
            foreach (var waiter in _due)
            {
                waiter.TrySetResult(true);
            }

            _due.Clear();
        }
    }

    private bool TakeDue()
    {
        var releaseBefore = Stopwatch.GetTimestamp() + HalfMillisecond;
        while (_waiters.TryPeek(out var waiter, out var due) && due <= releaseBefore)
        {
            _waiters.Dequeue();
            _due.Add(waiter);
        }

        return _due.Count > 0;
    }
}
