namespace LlmLoad.Engine;

/// <summary>Waits until an absolute timestamp.</summary>
internal static class PreciseDelay
{
    // Timers fire up to about a millisecond late; waking this much early and yielding the rest of
    // the way keeps schedule lag well under a millisecond without spinning a core for long.
    private static readonly TimeSpan WakeEarly = TimeSpan.FromMilliseconds(1.2);

    public static async Task UntilAsync(TimeProvider time, long timestamp, CancellationToken cancellationToken)
    {
        var remaining = Remaining(time, timestamp);
        if (remaining <= TimeSpan.Zero)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return;
        }

        if (time != TimeProvider.System)
        {
            await Task.Delay(remaining, time, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (remaining > WakeEarly)
        {
            await Task.Delay(remaining - WakeEarly, cancellationToken).ConfigureAwait(false);
        }

        while (Remaining(time, timestamp) > TimeSpan.Zero)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Thread.Yield();
        }
    }

    private static TimeSpan Remaining(TimeProvider time, long timestamp)
        => timestamp > time.GetTimestamp() ? time.GetElapsedTime(time.GetTimestamp(), timestamp) : TimeSpan.Zero;
}
