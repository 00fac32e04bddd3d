using LlmLoad.Analysis.Slo;

namespace LlmLoad.Analysis.Server;

/// <summary>
/// The article's scaling triggers answered from one run: the lowest load at which an objective's TTFT or E2E percentile
/// passes its threshold (by stage, in order), the throughput at which the server's queue grows without bound (per
/// stage, from its <c>waiting</c> scrapes, not from client TTFT), and where the KV cache saturates, with the GPU
/// utilisation there. Each is null when the run did not reach it or had nothing to tell it from.
/// </summary>
internal sealed record ScalingTriggers(LoadTrigger? SloExceeded, IReadOnlyList<QueueGrowth> Queue, LoadTrigger? KvCacheSaturated)
{
    /// <summary>A KV cache this full admits new requests only as others finish: the server is memory-bound from here.</summary>
    public const double KvSaturation = 0.95;

    public QueueGrowth? FirstUnboundedQueue => Queue.FirstOrDefault(g => g.Unbounded);

    public static ScalingTriggers Find(
        ServerMetricsResult? server,
        IReadOnlyList<TimeSeriesRow> rows,
        IReadOnlyList<StageStatistics> stages,
        IReadOnlyList<ServiceLevelObjective> slos,
        double? runLevel,
        double? lastSendSeconds = null)
    {
        var windows = server is null ? [] : rows.Select(r => (Row: r, Server: server.Window(r.StartSeconds, r.EndSeconds))).ToList();
        return new ScalingTriggers(FirstSloExceeded(stages, slos, rows, server), Growth(server, rows, stages, lastSendSeconds), FirstKvSaturation(windows, stages, runLevel));
    }

    private static LoadTrigger? FirstSloExceeded(IReadOnlyList<StageStatistics> stages, IReadOnlyList<ServiceLevelObjective> slos, IReadOnlyList<TimeSeriesRow> rows, ServerMetricsResult? server)
    {
        var latency = slos.Where(s => s.Metric is LatencyMetric.Ttft or LatencyMetric.E2e && s.Statistic is not null).ToList();
        foreach (var stage in stages.Where(s => s.Stage.Measured))
        {
            foreach (var slo in latency)
            {
                if (stage.Requests.Latency(slo.Metric!.Value) is { Count: > 0 } stats && slo.Statistic!.Value.Of(stats) is var value && !slo.Holds(value))
                {
                    var window = server?.Window(stage.Stage.StartSeconds, stage.Stage.EndSeconds) ?? ServerWindow.None;
                    return new LoadTrigger("slo", $"{slo.Text}: measured {slo.Format(value)}", stage.Stage.StartSeconds, stage.Stage.Name, stage.Stage.PeakLevel,
                        Throughput(rows, stage.Stage.StartSeconds, stage.Stage.EndSeconds), window);
                }
            }
        }

        return null;
    }

    /// <param name="lastSendSeconds">Without stages, the stretch ends at the last send: after it the queue only drains, which says nothing about the load.</param>
    private static List<QueueGrowth> Growth(ServerMetricsResult? server, IReadOnlyList<TimeSeriesRow> rows, IReadOnlyList<StageStatistics> stages, double? lastSendSeconds)
    {
        if (server is null)
        {
            return [];
        }

        var points = server.Endpoints.SelectMany(e => e.Readings)
            .Where(r => r[ServerQuantity.Waiting] is not null)
            .Select(r => (Seconds: r.AtMs / 1000, Waiting: r[ServerQuantity.Waiting]!.Value))
            .OrderBy(p => p.Seconds)
            .ToList();
        var running = server.MeanRunning;
        if (points.Count == 0)
        {
            return [];
        }

        var spans = stages.Count > 0
            ? stages.Where(s => s.Stage.Measured).Select(s => (s.Stage.Name, s.Stage.StartSeconds, s.Stage.EndSeconds)).ToList()
            : [("run", points[0].Seconds, Math.Min(points[^1].Seconds, lastSendSeconds ?? double.MaxValue) + 1e-9)];
        var growth = new List<QueueGrowth>();
        foreach (var (name, start, end) in spans)
        {
            var inside = points.Where(p => p.Seconds >= start && p.Seconds < end).ToList();
            if (Analysis.Server.QueueGrowth.Of(name, start, end, inside, running, Throughput(rows, start, end)) is { } found)
            {
                growth.Add(found);
            }
        }

        return growth;
    }

    private static LoadTrigger? FirstKvSaturation(List<(TimeSeriesRow Row, ServerWindow Server)> windows, IReadOnlyList<StageStatistics> stages, double? runLevel)
    {
        foreach (var (row, server) in windows)
        {
            if (server.KvCacheUsage is >= KvSaturation)
            {
                var stage = stages.FirstOrDefault(s => s.Stage.StartSeconds <= row.StartSeconds && row.StartSeconds < s.Stage.EndSeconds)?.Stage;
                return new LoadTrigger("kv_cache_saturated", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"KV cache {server.KvCacheUsage.Value * 100:0}% in use"), row.StartSeconds, stage?.Name, stage?.PeakLevel ?? runLevel,
                    row.Window.Completed / Math.Max(1e-9, row.EndSeconds - row.StartSeconds), server);
            }
        }

        return null;
    }

    /// <summary>Requests completed per second over the windows that start within [start, end).</summary>
    private static double Throughput(IReadOnlyList<TimeSeriesRow> rows, double start, double end)
    {
        var inside = rows.Where(r => r.StartSeconds >= start && r.StartSeconds < end).ToList();
        var seconds = inside.Sum(r => r.EndSeconds - r.StartSeconds);
        return seconds > 0 ? inside.Sum(r => r.Window.Completed) / seconds : 0;
    }
}
