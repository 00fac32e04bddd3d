using System.Globalization;

namespace LlmLoad.SimBench;

/// <summary>
/// CPU time from /proc, in seconds: a process's utime + stime and the whole machine's busy time, so one
/// window can be split between the simulator, the driver and everything else on the shared cores.
/// </summary>
internal static class CpuTicks
{
    // USER_HZ, the unit of /proc/*/stat and /proc/stat: fixed at 100 by the kernel ABI on x86 and arm64.
    private const double TicksPerSecond = 100;

    /// <returns>Seconds of CPU the process has used, or NaN when it is gone or /proc is missing.</returns>
    public static double ProcessSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after "(comm) ", which may hold spaces: utime and stime are the 12th and 13th.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    /// <returns>Busy seconds of all cores together (user, nice, system, irq, softirq, steal), or NaN without /proc.</returns>
    public static double MachineBusySeconds()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long Field(int i) => long.Parse(fields[i], CultureInfo.InvariantCulture);
            return (Field(1) + Field(2) + Field(3) + Field(6) + Field(7) + Field(8)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }
}
