namespace LlmLoad.Analysis.Server;

/// <summary>
/// The server's figures over one timeseries.csv window: gauges as the mean of the scrapes inside it, the queue-time
/// percentiles from the histogram's growth across it, preemptions as the counter's growth. Null where no endpoint gave the figure.
/// </summary>
internal sealed record ServerWindow(
    double? Running,
    double? Waiting,
    double? KvCacheUsage,
    double? QueueP50Ms,
    double? QueueP95Ms,
    double? Preemptions,
    double? GpuUtilization,
    double? GpuMemoryUsedMib,
    double? GpuPowerW)
{
    public static ServerWindow None { get; } = new(null, null, null, null, null, null, null, null, null);
}
