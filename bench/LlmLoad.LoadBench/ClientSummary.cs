using System.Text.Json;

namespace LlmLoad.LoadBench;

/// <summary>The figures of the client's summary.json (schema llmload.summary/v1) the bench shows.</summary>
internal sealed record ClientSummary(
    double DurationSeconds,
    double WindowSeconds,
    long Total,
    long Measured,
    long Succeeded,
    long Failed,
    long Dropped,
    double RequestsPerSecond,
    double AchievedRatePerSecond,
    double ScheduleLagP50Ms,
    double ScheduleLagP99Ms,
    double TtftP50Ms,
    double TtftP99Ms,
    double CpuSeconds,
    double PeakRssMb,
    double GcPauseMs,
    long Gen2Collections,
    long? Gen0Collections,
    double? AllocatedMb,
    IReadOnlyList<string> Warnings)
{
    public static ClientSummary Load(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = json.RootElement;
        var requests = root.GetProperty("requests");
        var throughput = root.GetProperty("throughput");
        var latency = root.GetProperty("latency_ms");
        var client = root.GetProperty("client");
        return new ClientSummary(
            root.GetProperty("run").GetProperty("duration_s").GetDouble(),
            throughput.GetProperty("window_s").GetDouble(),
            requests.GetProperty("total").GetInt64(),
            requests.GetProperty("measured").GetInt64(),
            requests.GetProperty("succeeded").GetInt64(),
            requests.GetProperty("failed").GetInt64(),
            requests.TryGetProperty("dropped", out var dropped) ? dropped.GetInt64() : 0,
            throughput.GetProperty("requests_per_s").GetDouble(),
            throughput.GetProperty("achieved_rate_per_s").GetDouble(),
            latency.GetProperty("schedule_lag").GetProperty("p50").GetDouble(),
            latency.GetProperty("schedule_lag").GetProperty("p99").GetDouble(),
            latency.GetProperty("ttft").GetProperty("p50").GetDouble(),
            latency.GetProperty("ttft").GetProperty("p99").GetDouble(),
            client.GetProperty("cpu_s").GetDouble(),
            client.GetProperty("peak_rss_mb").GetDouble(),
            client.GetProperty("gc_pause_ms").GetDouble(),
            client.GetProperty("gen2_collections").GetInt64(),
            client.TryGetProperty("gen0_collections", out var gen0) ? gen0.GetInt64() : null,
            client.TryGetProperty("allocated_mb", out var allocated) ? allocated.GetDouble() : null,
            root.TryGetProperty("warnings", out var warnings) ? [.. warnings.EnumerateArray().Select(w => w.GetString() ?? "")] : []);
    }
}
