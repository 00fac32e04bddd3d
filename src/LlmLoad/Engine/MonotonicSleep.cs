using System.Diagnostics;
using System.Runtime.InteropServices;

namespace LlmLoad.Engine;

/// <summary>
/// Blocks the calling thread until an absolute <see cref="Stopwatch"/> timestamp, with the kernel's
/// high-resolution timer (clock_nanosleep on CLOCK_MONOTONIC, TIMER_ABSTIME). .NET timers and
/// Task.Delay fire on a coarse tick (milliseconds late, as AIPerf found for asyncio timers), and
/// spinning to make up for it burns a core; an absolute kernel sleep wakes within tens of
/// microseconds and costs nothing while it waits. Linux only, where Stopwatch reads CLOCK_MONOTONIC
/// in nanoseconds.
/// </summary>
internal static partial class MonotonicSleep
{
    private const int ClockMonotonic = 1;
    private const int TimerAbsoluteTime = 1;
    private static readonly long CancellationCheck = Stopwatch.Frequency / 20;

    public static bool IsSupported { get; } = OperatingSystem.IsLinux() && Stopwatch.Frequency == 1_000_000_000;

    /// <summary>Sleeps until <paramref name="timestamp"/>, waking at least every 50 ms to notice cancellation.</summary>
    public static void Until(long timestamp, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var now = Stopwatch.GetTimestamp();
            if (now >= timestamp)
            {
                return;
            }

            var wake = Math.Min(timestamp, now + CancellationCheck);
            var request = new Timespec(wake / 1_000_000_000, wake % 1_000_000_000);
            // A signal interrupts the sleep (EINTR): the loop simply sleeps again.
            _ = clock_nanosleep(ClockMonotonic, TimerAbsoluteTime, in request, IntPtr.Zero);
        }
    }

    [LibraryImport("libc", EntryPoint = "clock_nanosleep")]
    private static partial int clock_nanosleep(int clockId, int flags, in Timespec request, IntPtr remain);

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Timespec(long Seconds, long Nanoseconds);
}
