namespace LlmLoad.Engine;

/// <summary>Waits until an absolute timestamp of a <see cref="TimeProvider"/>.</summary>
internal static class PreciseDelay
{
    /// <summary>
    /// On the system clock under Linux this blocks the calling thread in a precise kernel sleep, so
    /// call it from a dedicated thread; any other clock (a fake one in tests) waits asynchronously.
    /// </summary>
    public static async ValueTask UntilAsync(TimeProvider time, long timestamp, CancellationToken cancellationToken)
    {
        if (time == TimeProvider.System && MonotonicSleep.IsSupported)
        {
            MonotonicSleep.Until(timestamp, cancellationToken);
            return;
        }

        var now = time.GetTimestamp();
        if (timestamp > now)
        {
            await Task.Delay(time.GetElapsedTime(now, timestamp), time, cancellationToken).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }
}
