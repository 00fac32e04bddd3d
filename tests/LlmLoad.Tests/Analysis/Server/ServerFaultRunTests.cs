using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using LlmLoad.Tests.Support;

namespace LlmLoad.Tests.Analysis.Server;

/// <summary>
/// llmload run against a /metrics exporter that is down, slow, answers HTML or garbage, or restarts mid-run: the run goes
/// on, each problem is one warning naming the URL and the reason, and the counters are counted across the restart.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class ServerFaultRunTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData("down", "Connection refused")]
    [InlineData("slow", "no answer within 1000 ms")]
    [InlineData("html", "answered HTML, not the Prometheus text format")]
    [InlineData("garbage", "not the Prometheus text format: line 1: expected ',' or '}' after label model_name")]
    public async Task Run_ExporterMisbehaves_RunCompletesAndTheProblemIsOneWarningWithUrlAndReason(string behaviour, string reason)
    {
        using var simulator = await SimulatorProcess.StartAsync("--ttft-ms", "20", "--itl-ms", "2");
        await using var exporter = behaviour == "down" ? null : await ScriptedExporter.StartAsync(Enum.Parse<ScriptedExporter.Behaviour>(behaviour, ignoreCase: true));
        var url = exporter?.MetricsUrl ?? ClosedPortUrl();
        using var results = new ResultsDirectory();

        var (exit, stdout, stderr) = await CliProcess.RunAsync(Run(simulator, url, results), Limit);

        Assert.True(exit == 0, stderr + stdout);
        var summary = results.Summary();
        Assert.Equal(40, summary.GetProperty("requests").GetProperty("succeeded").GetInt32());
        var warning = Assert.Single(Warnings(summary), w => w.Contains(url.ToString(), StringComparison.Ordinal));
        Assert.StartsWith($"server metrics {url}: ", warning, StringComparison.Ordinal);
        Assert.Contains($"(first: {reason}", warning, StringComparison.Ordinal);
        Assert.Equal(1, Occurrences(stdout, $"server metrics {url}:"));
        var endpoint = summary.GetProperty("server").GetProperty("endpoints")[0];
        Assert.Equal(endpoint.GetProperty("scrapes").GetInt32(), endpoint.GetProperty("failures").GetInt32());
        AssertLatencyUnaffected(results);
    }

    [Fact]
    public async Task Run_ExporterRestartsMidRun_CountersAreCountedAcrossTheResetAndTheRestartIsOneWarning()
    {
        using var simulator = await SimulatorProcess.StartAsync("--ttft-ms", "20", "--itl-ms", "2");
        await using var exporter = await ScriptedExporter.StartAsync(ScriptedExporter.Behaviour.Restarts);
        using var results = new ResultsDirectory();

        var (exit, stdout, stderr) = await CliProcess.RunAsync(Run(simulator, exporter.MetricsUrl, results), Limit);

        Assert.True(exit == 0, stderr + stdout);
        var summary = results.Summary();
        var warning = Assert.Single(Warnings(summary), w => w.Contains(exporter.MetricsUrl.ToString(), StringComparison.Ordinal));
        Assert.Equal($"server metrics {exporter.MetricsUrl}: the counters went down 1 time(s): the server restarted during the run; growth is counted from each restart", warning);
        Assert.Equal(1, Occurrences(stdout, $"server metrics {exporter.MetricsUrl}:"));

        // Which of the exporter's scrapes the run recorded: each scrape adds 10 prompt tokens, a preemption and a queued
        // request, before the restart and after it, so the growth over the run is that many scrapes' worth.
        var scrapes = File.ReadLines(Path.Combine(results.Path, "server-metrics.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(l => l.TryGetProperty("samples", out _))
            .Select(l => l.GetProperty("samples").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "llmload_test_scrape").GetProperty("value").GetDouble())
            .ToList();
        Assert.True(scrapes.Count > ScriptedExporter.RestartAfter + 1 && scrapes[0] <= ScriptedExporter.RestartAfter, string.Join(", ", scrapes));
        var steps = scrapes[^1] - scrapes[0];
        var server = summary.GetProperty("server");
        Assert.Equal(10 * steps, server.GetProperty("series").GetProperty("prompt_tokens_total").GetProperty("increase").GetDouble());
        Assert.Equal(steps, server.GetProperty("series").GetProperty("preemptions_total").GetProperty("increase").GetDouble());
        Assert.Equal(steps, server.GetProperty("queue_time").GetProperty("requests").GetDouble());
        Assert.Equal(100, server.GetProperty("queue_time").GetProperty("mean_ms").GetDouble(), 6);

        // No window shows a negative growth: the drop of the restart is not a negative number of preemptions.
        var csv = File.ReadAllLines(Path.Combine(results.Path, "timeseries.csv"));
        var header = csv[0].Split(',');
        var preemptions = Array.IndexOf(header, "server_preemptions");
        var queueP50 = Array.IndexOf(header, "server_queue_p50_ms");
        foreach (var row in csv.Skip(1).Select(r => r.Split(',')))
        {
            Assert.True(row[preemptions].Length == 0 || double.Parse(row[preemptions], CultureInfo.InvariantCulture) >= 0, string.Join(",", row));
            Assert.True(row[queueP50].Length == 0 || double.Parse(row[queueP50], CultureInfo.InvariantCulture) is >= 50 and <= 500, string.Join(",", row));
        }

        AssertLatencyUnaffected(results);
    }

    private static string[] Run(SimulatorProcess simulator, Uri metrics, ResultsDirectory results) =>
        ["run", "--url", simulator.BaseAddress + "v1", "--model", "sim", "--rate", "20", "--arrival", "constant", "--requests", "40",
         "--output-tokens", "5", "--server-metrics", metrics.ToString(), "--scrape-interval", "200ms", "--out", results.Path];

    /// <summary>
    /// The simulator answers in 20 ms + 4 x 2 ms; a request that waited for a scrape would wait its whole 1 s deadline.
    /// The first half carries the fresh process's start-up (JIT), so the second half is judged.
    /// </summary>
    private static void AssertLatencyUnaffected(ResultsDirectory results)
    {
        var ttfts = results.Requests().OrderBy(r => r.GetProperty("seq").GetInt32()).Skip(20).Select(r => r.GetProperty("ttft_ms").GetDouble()).Order().ToList();
        Assert.True(ttfts[ttfts.Count / 2] < 100, "TTFT of the second half: " + string.Join(", ", ttfts));
    }

    private static List<string> Warnings(JsonElement summary) => [.. summary.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!)];

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>A loopback URL nothing listens on: a port the OS gave out and that was closed again.</summary>
    private static Uri ClosedPortUrl()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/metrics");
    }
}
