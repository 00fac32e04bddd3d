using System.Globalization;
using LlmLoad.Analysis.Server;

namespace LlmLoad.Cli.Output;

/// <summary>The summary table's server and scaling lines: what the scraped /metrics showed, and the triggers it answered.</summary>
internal static class ServerLines
{
    public static IEnumerable<(string Label, string Line)> For(ServerSummary? server)
    {
        if (server is null)
        {
            yield break;
        }

        var result = server.Result;
        var parts = new List<string>();
        Add(parts, result.Stats(ServerQuantity.Running), "running");
        Add(parts, result.Stats(ServerQuantity.Waiting), "waiting");
        if (result.Stats(ServerQuantity.KvCacheUsage) is { } kv)
        {
            parts.Add(Invariant($"KV cache max {kv.Max * 100:0.#}%"));
        }

        if (server.QueueTime?.Mean is { } queue)
        {
            parts.Add(Invariant($"queue time mean {queue * 1000:0.#} ms"));
        }

        if (server.QueueShareOfTtft is { } share)
        {
            parts.Add(Invariant($"{share * 100:0}% of TTFT was queue wait"));
        }

        if (server.RejectionRateWhenQueueFull is { } rejected)
        {
            parts.Add(Invariant($"{rejected * 100:0.#}% refused while the queue was full"));
        }

        if (result.Stats(ServerQuantity.GpuUtilization) is { } gpu)
        {
            parts.Add(Invariant($"GPU util mean {gpu.Mean:0}%"));
        }

        var scrapes = result.Endpoints.Sum(e => e.Scrapes);
        var failures = result.Endpoints.Sum(e => e.Failures);
        parts.Add(Invariant($"{scrapes} scrapes of {result.Endpoints.Count} endpoint(s), {failures} failed"));
        yield return ("server", string.Join("; ", parts));

        var scaling = server.Scaling;
        var triggers = new List<string>();
        if (scaling.SloExceeded is { } slo)
        {
            triggers.Add(Invariant($"SLO exceeded at {Where(slo)} ({slo.Detail})"));
        }

        if (scaling.FirstUnboundedQueue is { } queueGrowth)
        {
            triggers.Add(Invariant($"queue grows without bound in {queueGrowth.Name} (+{queueGrowth.SlopePerSecond:0.##} waiting/s at {queueGrowth.ThroughputPerSecond:0.##} req/s)"));
        }

        if (scaling.KvCacheSaturated is { } saturated)
        {
            triggers.Add(Invariant($"KV cache saturated at {Where(saturated)}") + (saturated.Server.GpuUtilization is { } util ? Invariant($", GPU util {util:0}%") : ""));
        }

        yield return ("scaling", triggers.Count == 0 ? "no trigger reached (queue bounded, KV cache below 95%, no latency SLO exceeded)" : string.Join("; ", triggers));
    }

    private static string Where(LoadTrigger trigger)
        => Invariant($"{trigger.AtSeconds:0.#} s") + (trigger.Stage is { } stage ? $" in {stage}" : "") + (trigger.Level is { } level ? Invariant($", load {level:0.##}") : "")
            + Invariant($", {trigger.ThroughputPerSecond:0.##} req/s");

    private static void Add(List<string> parts, SeriesStats? stats, string name)
    {
        if (stats is not null)
        {
            parts.Add(Invariant($"{name} mean {stats.Mean:0.#} max {stats.Max:0.#}"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
