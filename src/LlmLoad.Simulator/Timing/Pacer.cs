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
    private readonly object _gate = new();
    private readonly PriorityQueue<PacedWaiter, long> _waiters = new();
    private readonly List<PacedWaiter> _due = [];

    private Pacer()
    {
        new Thread(Run) { IsBackground = true, Name = "llmload simulator pacer" }.Start();
    }

    public static Pacer Shared { get; } = new();

    /// <summary>A one-off wait (a delay before headers, say); a stream's tokens use its own <see cref="PacedWaiter"/>.</summary>
    public static async ValueTask<bool> WaitUntilAsync(long due, CancellationToken cancellationToken)
    {
        using var waiter = new PacedWaiter(cancellationToken);
        return await waiter.WaitUntilAsync(due);
    }

    internal void Enqueue(PacedWaiter waiter, long due)
    {
        lock (_gate)
        {
            _waiters.Enqueue(waiter, due);
            if (_waiters.Peek() == waiter)
            {
                // The new earliest waiter: the pacer thread must shorten its sleep.
                Monitor.Pulse(_gate);
            }
        }
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

                    var sleep = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), nextDue - PacedWaiter.HalfMillisecond);
                    Monitor.Wait(_gate, (int)Math.Ceiling(Math.Max(sleep.TotalMilliseconds, 0)));
                }
            }

            // Completed outside the lock: continuations are queued to the thread pool, never run here.
            foreach (var waiter in _due)
            {
                waiter.Release(true);
            }

            _due.Clear();
        }
    }

    private bool TakeDue()
    {
        var releaseBefore = Stopwatch.GetTimestamp() + PacedWaiter.HalfMillisecond;
        while (_waiters.TryPeek(out var waiter, out var due) && due <= releaseBefore)
        {
            _waiters.Dequeue();
            _due.Add(waiter);
        }

        return _due.Count > 0;
    }
}
