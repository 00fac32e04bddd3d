using System.Runtime.InteropServices;

namespace LlmLoad.Shared;

/// <summary>
/// What the operating system knows about how well this machine's clock agrees with NTP: Linux's kernel
/// clock discipline (<c>adjtimex</c> with no changes asked, the figures chrony or ntpd keep there).
/// Segments on several machines start by their own clocks, so their start skew is only as good as these.
/// </summary>
internal static partial class ClockSync
{
    /// <param name="Synchronized">The kernel's clock state is TIME_OK and STA_UNSYNC is clear.</param>
    /// <param name="OffsetMs">The last measured offset from the reference, as the time daemon set it.</param>
    /// <param name="EstimatedErrorMs">The kernel's estimated error; <paramref name="MaxErrorMs"/> its bound.</param>
    internal sealed record Reading(bool Synchronized, double OffsetMs, double EstimatedErrorMs, double MaxErrorMs);

    private const int TimeOk = 0;
    private const int StaUnsync = 0x0040;
    private const int StaNano = 0x2000;

    /// <summary>The kernel's figures, or null where the OS does not expose them (not Linux, or the call failed).</summary>
    public static Reading? Read()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64))
        {
            return null;
        }

        try
        {
            // struct timex on 64-bit Linux: modes (int, padded), offset, freq, maxerror, esterror (longs), status (int)…; 208 bytes.
            var buffer = new byte[256];
            var state = AdjTimeX(buffer);
            if (state < 0)
            {
                return null;
            }

            var offset = BitConverter.ToInt64(buffer, 8);
            var maxError = BitConverter.ToInt64(buffer, 24);
            var estError = BitConverter.ToInt64(buffer, 32);
            var status = BitConverter.ToInt32(buffer, 40);
            var offsetMs = (status & StaNano) != 0 ? offset / 1e6 : offset / 1e3;
            return new Reading(state == TimeOk && (status & StaUnsync) == 0, offsetMs, estError / 1e3, maxError / 1e3);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "adjtimex", SetLastError = true)]
    private static partial int AdjTimeX([In, Out] byte[] timex);
}
