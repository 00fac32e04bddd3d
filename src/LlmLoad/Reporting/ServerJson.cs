using System.Text.Json;
using LlmLoad.Analysis.Server;
using LlmLoad.Shared;

namespace LlmLoad.Reporting;

/// <summary>summary.json's <c>server</c> and <c>scaling</c> sections (docs/server-metrics.md); absent when nothing was scraped.</summary>
internal static class ServerJson
{
    public static void Write(Utf8JsonWriter json, ServerSummary? server)
    {
        if (server is null)
        {
            return;
        }

        json.WriteStartObject("server");
        json.WriteString("file", ServerMetricsLog.FileName);
        json.WriteNumber("scrape_interval_s", server.Result.Interval.TotalSeconds);
        json.WriteStartArray("endpoints");
        foreach (var endpoint in server.Result.Endpoints)
        {
            json.WriteStartObject();
            json.WriteString("url", endpoint.Url.ToString());
            json.WriteStartArray("flavours");
            foreach (var flavour in endpoint.Flavours)
            {
                json.WriteStringValue(flavour);
            }

            json.WriteEndArray();
            json.WriteNumber("scrapes", endpoint.Scrapes);
            json.WriteNumber("failures", endpoint.Failures);
            json.WriteStringOrNull("first_failure", endpoint.FirstFailure);
            json.WriteNumber("restarts", endpoint.Resets);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartObject("series");
        foreach (var quantity in server.Result.Quantities)
        {
            var name = ServerQuantityNames.ToWireName(quantity);
            if (name.EndsWith("_total", StringComparison.Ordinal))
            {
                // A counter's level says nothing about the run; its growth during it does.
                json.WriteStartObject(name);
                json.WriteNumberOrNull("increase", Round(server.Result.Increase(quantity)));
                json.WriteEndObject();
            }
            else if (server.Result.Stats(quantity) is { } stats)
            {
                json.WriteStartObject(name);
                json.WriteNumber("min", Round(stats.Min));
                json.WriteNumber("mean", Round(stats.Mean));
                json.WriteNumber("max", Round(stats.Max));
                json.WriteNumber("scrapes", stats.Scrapes);
                json.WriteEndObject();
            }
        }

        json.WriteEndObject();
        json.WriteNumberOrNull("batch_size_achieved", Round(server.BatchSizeAchieved));
        json.WriteStartObject("queue_time");
        json.WriteNumber("requests", (long)(server.QueueTime?.Count ?? 0));
        json.WriteNumberOrNull("mean_ms", Round(server.QueueTime?.Mean * 1000));
        json.WriteNumberOrNull("p50_ms", Round(server.QueueTime?.Quantile(0.5) * 1000));
        json.WriteNumberOrNull("p95_ms", Round(server.QueueTime?.Quantile(0.95) * 1000));
        json.WriteEndObject();
        json.WriteNumberOrNull("queue_share_of_ttft", Round(server.QueueShareOfTtft));
        json.WriteNumberOrNull("prefix_cache_hit_rate", Round(server.PrefixCacheHitRate));
        json.WriteNumberOrNull("rejection_rate_when_queue_full", Round(server.RejectionRateWhenQueueFull));
        json.WriteEndObject();

        WriteScaling(json, server.Scaling);
    }

    private static void WriteScaling(Utf8JsonWriter json, ScalingTriggers scaling)
    {
        json.WriteStartObject("scaling");
        WriteTrigger(json, "slo_exceeded", scaling.SloExceeded);
        json.WriteStartArray("queue_growth");
        foreach (var growth in scaling.Queue)
        {
            json.WriteStartObject();
            json.WriteString("stage", growth.Name);
            json.WriteNumber("t_start_s", Round(growth.StartSeconds));
            json.WriteNumber("t_end_s", Round(growth.EndSeconds));
            json.WriteNumber("waiting_slope_per_s", Round(growth.SlopePerSecond));
            json.WriteNumber("waiting_mean", Round(growth.MeanWaiting));
            json.WriteNumber("throughput_per_s", Round(growth.ThroughputPerSecond));
            json.WriteBoolean("unbounded", growth.Unbounded);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (scaling.FirstUnboundedQueue is { } first)
        {
            json.WriteStartObject("queue_unbounded");
            json.WriteString("stage", first.Name);
            json.WriteNumber("throughput_per_s", Round(first.ThroughputPerSecond));
            json.WriteNumber("waiting_slope_per_s", Round(first.SlopePerSecond));
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("queue_unbounded");
        }

        WriteTrigger(json, "kv_cache_saturated", scaling.KvCacheSaturated);
        json.WriteEndObject();
    }

    private static void WriteTrigger(Utf8JsonWriter json, string name, LoadTrigger? trigger)
    {
        if (trigger is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        json.WriteString("detail", trigger.Detail);
        json.WriteNumber("t_s", Round(trigger.AtSeconds));
        json.WriteStringOrNull("stage", trigger.Stage);
        json.WriteNumberOrNull("level", Round(trigger.Level));
        json.WriteNumber("throughput_per_s", Round(trigger.ThroughputPerSecond));
        json.WriteNumberOrNull("running", Round(trigger.Server.Running));
        json.WriteNumberOrNull("waiting", Round(trigger.Server.Waiting));
        json.WriteNumberOrNull("kv_cache_pct", Round(trigger.Server.KvCacheUsage * 100));
        json.WriteNumberOrNull("gpu_util_pct", Round(trigger.Server.GpuUtilization));
        json.WriteEndObject();
    }

    private static double Round(double value) => Math.Round(value, 4);

    private static double? Round(double? value) => value is { } v && double.IsFinite(v) ? Math.Round(v, 4) : null;
}
