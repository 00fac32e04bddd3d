using System.Diagnostics;

namespace LlmLoad.Analysis;

/// <summary>
/// How hard the load generator itself worked. A saturated client delays sends and reads, and so
/// inflates the very latencies it reports; these figures let the analysis say so.
/// </summary>
internal sealed record ClientHealth(double CpuSeconds, double WallSeconds, double PeakRssMegabytes, double GcPauseMilliseconds, int Gen0Collections, int Gen2Collections, double AllocatedMegabytes)
{
    /// <summary>From the process's start to the run's clock start: runtime start-up, JIT, warm-up and preconnect, none of it in the run's figures.</summary>
    public double? StartupSeconds { get; init; }

    /// <summary>Connections opened before the clock started (<c>--preconnect</c>).</summary>
    public int Preconnected { get; init; }

    /// <summary>Seconds since the OS started this process.</summary>
    public static double SecondsSinceProcessStart()
    {
        using var process = Process.GetCurrentProcess();
        return (DateTime.Now - process.StartTime).TotalSeconds;
    }

    /// <summary>Share of all cores the process used over the run, 0–1.</summary>
    public double CpuUtilization => WallSeconds <= 0 ? 0 : CpuSeconds / WallSeconds / Environment.ProcessorCount;

    /// <summary>The process's figures since <paramref name="start"/>: what the run itself cost, not the start-up before it.</summary>
    public static ClientHealth Measure(double wallSeconds, Baseline start)
    {
        using var process = Process.GetCurrentProcess();
        var now = Baseline.Read();
        return new ClientHealth(
            (now.ProcessorTime - start.ProcessorTime).TotalSeconds,
            wallSeconds,
            PeakResidentBytes(process) / (1024.0 * 1024.0),
            (now.GcPause - start.GcPause).TotalMilliseconds,
            now.Gen0 - start.Gen0,
            now.Gen2 - start.Gen2,
            (now.AllocatedBytes - start.AllocatedBytes) / (1024.0 * 1024.0));
    }

    /// <summary>The process's running totals, read when a run starts so that its own cost can be told apart.</summary>
    internal readonly record struct Baseline(TimeSpan ProcessorTime, TimeSpan GcPause, int Gen0, int Gen2, long AllocatedBytes)
    {
        public static Baseline Read()
        {
            using var process = Process.GetCurrentProcess();
            return new(process.TotalProcessorTime, GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(2), GC.GetTotalAllocatedBytes());
        }
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
