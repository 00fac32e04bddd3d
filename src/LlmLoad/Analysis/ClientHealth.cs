using System.Diagnostics;

namespace LlmLoad.Analysis;

/// <summary>
/// How hard the load generator itself worked. A saturated client delays sends and reads, and so
/// inflates the very latencies it reports; these figures let the analysis say so.
/// </summary>
internal sealed record ClientHealth(double CpuSeconds, double WallSeconds, double PeakRssMegabytes, double GcPauseMilliseconds, int Gen2Collections)
{
    /// <summary>Share of all cores the process used over the run, 0–1.</summary>
    public double CpuUtilization => WallSeconds <= 0 ? 0 : CpuSeconds / WallSeconds / Environment.ProcessorCount;

    public static ClientHealth Measure(double wallSeconds, TimeSpan gcPauseAtStart, int gen2AtStart)
    {
        using var process = Process.GetCurrentProcess();
        return new ClientHealth(
            process.TotalProcessorTime.TotalSeconds,
            wallSeconds,
            PeakResidentBytes(process) / (1024.0 * 1024.0),
            (GC.GetTotalPauseDuration() - gcPauseAtStart).TotalMilliseconds,
            GC.CollectionCount(2) - gen2AtStart);
    }

    private static long PeakResidentBytes(Process process)
    {
        // VmHWM is the kernel's high-water mark of resident memory; PeakWorkingSet64 is not filled on Linux everywhere.
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return process.PeakWorkingSet64;
    }
}
