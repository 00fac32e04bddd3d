using LlmLoad.Analysis.Server;

namespace LlmLoad.FindLimit;

/// <summary>What the server's /metrics showed during one step (find-limit.json <c>curve[].server</c>); null when nothing was scraped.</summary>
/// <param name="QueueUnbounded">The step's <c>waiting</c> grew without bound while it sent (<see cref="QueueGrowth"/>).</param>
internal sealed record StepServer(
    double? RunningMean,
    double? WaitingMean,
    double? WaitingSlopePerSecond,
    bool QueueUnbounded,
    double? KvCacheMax,
    double? GpuUtilMean,
    double? QueueShareOfTtft)
{
    public static StepServer? From(ServerSummary? server)
    {
        if (server is null || !server.Result.HasReadings)
        {
            return null;
        }

        var growth = server.Scaling.Queue.Count > 0 ? server.Scaling.Queue[0] : null;
        return new StepServer(
            server.BatchSizeAchieved,
            server.Result.Stats(ServerQuantity.Waiting)?.Mean,
            growth?.SlopePerSecond,
            growth?.Unbounded ?? false,
            server.Result.Stats(ServerQuantity.KvCacheUsage)?.Max,
            server.Result.Stats(ServerQuantity.GpuUtilization)?.Mean,
            server.QueueShareOfTtft);
    }
}
