using System.Globalization;
using System.Text;
using System.Text.Json;
using LlmLoad.Reporting;

namespace LlmLoad.Tests.Reporting;

/// <summary>
/// A results directory written by hand, for what no quick real run gives: an hour of 1 s windows, names
/// chosen to break out of a script element, columns the report does not know.
/// </summary>
internal static class SyntheticResults
{
    /// <summary>Columns another exporter may add; the report draws them generically.</summary>
    public static readonly string[] ExtraColumns = ["server_kv_cache_usage", "server_queue_depth", "ratelimit_remaining_requests"];

    /// <summary>Writes summary.json, timeseries.csv (all of its columns plus <see cref="ExtraColumns"/>) and requests.jsonl.</summary>
    public static void Write(string directory, int windows, int requestsPerWindow, string model = "sim-model", string category = "chat")
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, SummaryJson.FileName), Summary(model, category, windows));
        WriteTimeSeries(Path.Combine(directory, TimeSeriesCsv.FileName), windows, requestsPerWindow);
        WriteRequests(Path.Combine(directory, "requests.jsonl"), windows * requestsPerWindow, category);
    }

    private static string Summary(string model, string category, int windows)
    {
        var latency = new { count = 100, mean = 250.5, stddev = 40.1, min = 150.2, p50 = 240.7, p90 = 300.3, p95 = 320.9, p99 = 400.1, p99_9 = 450.5, max = 480.2 };
        var summary = new Dictionary<string, object?>
        {
            ["schema"] = SummaryJson.Schema,
            ["run"] = new
            {
                started_at = "2026-12-03T10:00:00.000Z", duration_s = windows, stopped_by = "duration", seed = 7,
                target = new { provider = "openai", url = "http://127.0.0.1:1/v1", model, stream = true, embedded_simulator = true },
                load = new { mode = "open", rate = "10", arrival = "Poisson", concurrency = (int?)null },
            },
            ["requests"] = new { total = 100, measured = 100, succeeded = 99, failed = 1, warmup = 0, truncated = 0, dropped = 0 },
            ["errors"] = new { timeout = 1 },
            ["latency_ms"] = new { ttft = latency, e2e = latency },
            ["throughput"] = new { requests_per_s = 9.9, output_tokens_per_s = 500.25 },
            ["workload"] = new { input_tokens = "256", output_tokens = "64", mix = new[] { new { name = category, weight_share = 1.0, input_tokens = "256", output_tokens = "64" } } },
            ["stages"] = Array.Empty<object>(),
            ["categories"] = new[] { new { name = category, weight_share = 1.0, share = 1.0, requests = new { measured = 100, succeeded = 99, failed = 1 }, latency_ms = new { ttft = latency, e2e = latency }, goodput = 0.98 } },
            ["slo"] = new
            {
                passed = false, goodput = 0.98, goodput_met = 98,
                checks = new[]
                {
                    new { expression = "ttft.p95<300ms", metric = "ttft", op = "<", threshold = 300.0, unit = "ms", value = (double?)320.9, passed = false },
                    new { expression = "error_rate<5%", metric = "error_rate", op = "<", threshold = 0.05, unit = "ratio", value = (double?)0.01, passed = true },
                },
                aborted = (object?)null,
            },
            ["tokens"] = new { input_total = 25600, output_total = 6400, source = "usage" },
            ["cost"] = null,
            ["warnings"] = new[] { $"a warning about {category}" },
        };
        return JsonSerializer.Serialize(summary);
    }

    private static void WriteTimeSeries(string path, int windows, int perWindow)
    {
        var columns = TimeSeriesCsv.Columns.Concat(ExtraColumns).ToList();
        var random = new Random(1);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\n" };
        writer.WriteLine(string.Join(',', columns));
        for (var w = 0; w < windows; w++)
        {
            var cells = columns.Select(c => c switch
            {
                "t_start_s" => N(w),
                "t_end_s" => N(w + 1),
                "stage" => w < windows / 2 ? "ramp" : "steady",
                "in_flight" or "completed" or "ok" or "errors" => N(random.Next(0, perWindow + 1)),
                _ when c.EndsWith("_ms", StringComparison.Ordinal) => N(Math.Round(100 + random.NextDouble() * 400, 3)),
                _ => N(Math.Round(random.NextDouble() * 50, 3)),
            });
            writer.WriteLine(string.Join(',', cells));
        }
    }

    private static void WriteRequests(string path, int count, string category)
    {
        var random = new Random(2);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\n" };
        for (var i = 0; i < count; i++)
        {
            var ttft = 50 + random.NextDouble() * 500;
            var failed = i % 100 == 99;
            writer.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["seq"] = i, ["warmup"] = false, ["category"] = category, ["status"] = failed ? 0 : 200, ["error_class"] = failed ? "timeout" : null,
                ["scheduled_ms"] = i * 10.0, ["sent_ms"] = i * 10.0 + 0.2, ["schedule_lag_ms"] = random.NextDouble(),
                ["ttft_ms"] = failed ? null : Math.Round(ttft, 3), ["e2e_ms"] = failed ? null : Math.Round(ttft + 1000, 3), ["tpot_ms"] = failed ? null : 15.5,
            }));
        }
    }

    private static string N(double value) => value.ToString(CultureInfo.InvariantCulture);
}
