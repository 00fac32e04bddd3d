using System.Diagnostics;

namespace LlmLoad.SimBench;

/// <summary>CPU seconds used so far by the simulator, the driver and the whole machine, read at one instant.</summary>
internal readonly record struct CpuSample(double Server, double Driver, double Machine)
{
    public static CpuSample Take(int serverPid)
        => new(
            serverPid > 0 ? CpuTicks.ProcessSeconds(serverPid) : double.NaN,
            Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds,
            CpuTicks.MachineBusySeconds());

    public static CpuSample operator -(CpuSample a, CpuSample b) => new(a.Server - b.Server, a.Driver - b.Driver, a.Machine - b.Machine);
}
