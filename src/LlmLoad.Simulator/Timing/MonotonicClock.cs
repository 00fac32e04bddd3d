using System.Diagnostics;

namespace LlmLoad.Simulator.Timing;

/// <summary>
/// Stopwatch timestamps, the monotonic clock every simulator timing uses. On Linux it is
/// CLOCK_MONOTONIC, so nanosecond values are comparable with a client in another process.
/// </summary>
internal static class MonotonicClock
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    public static long TicksFromMilliseconds(double milliseconds)
        => (long)Math.Round(milliseconds * Stopwatch.Frequency / 1000.0);

    public static long ToNanoseconds(long timestamp)
    {
        if (Stopwatch.Frequency == NanosecondsPerSecond)
        {
            return timestamp;
        }

        // Split into whole seconds and remainder so the multiplication cannot overflow.
        var seconds = Math.DivRem(timestamp, Stopwatch.Frequency, out var remainder);
        return (seconds * NanosecondsPerSecond) + (remainder * NanosecondsPerSecond / Stopwatch.Frequency);
    }
}
