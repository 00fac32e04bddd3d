using System.Globalization;

namespace LlmLoad.LoadBench;

/// <summary>
/// The client and simulator as the kernel saw them, to cross-check the client's self-report:
/// /usr/bin/time -v for the client's CPU and peak RSS at exit, /proc counters the script read
/// before the client started and after it exited for the simulator and the machine, and the CPU
/// every other process used meanwhile (other engineers' builds and tests disturb the figures).
/// </summary>
internal sealed record ExternalProcessFigures(
    double? ClientCpuSeconds,
    double? ClientPeakRssMb,
    double? ClientPolledHwmMb,
    double SimulatorCpuSeconds,
    double MachineBusySeconds,
    double OtherCpuSeconds,
    double WallSeconds)
{

    public static ExternalProcessFigures Load(string directory, BenchParams values)
    {
        var ticksPerSecond = values.Number("clk_tck");
        var (cpu, rss) = ReadTimeOutput(Path.Combine(directory, "client.time"));
        return new ExternalProcessFigures(
            cpu,
            rss,
            values.OptionalNumber("client_hwm_kb_polled") is { } hwm ? hwm / 1024 : null,
            (values.Number("sim_ticks_end") - values.Number("sim_ticks_start")) / ticksPerSecond,
            (values.Number("busy_ticks_end") - values.Number("busy_ticks_start")) / ticksPerSecond,
            values.Number("other_ticks") / ticksPerSecond,
            (values.Number("wall_ns_end") - values.Number("wall_ns_start")) / 1e9);
    }

    private static (double? CpuSeconds, double? PeakRssMb) ReadTimeOutput(string path)
    {
        if (!File.Exists(path))
        {
            return (null, null);
        }

        double? user = null, system = null, rssKb = null;
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            user ??= After(line, "User time (seconds):");
            system ??= After(line, "System time (seconds):");
            rssKb ??= After(line, "Maximum resident set size (kbytes):");
        }

        return (user + system, rssKb / 1024);
    }

    private static double? After(string line, string label)
        => line.StartsWith(label, StringComparison.Ordinal) ? double.Parse(line[label.Length..].Trim(), CultureInfo.InvariantCulture) : null;
}
