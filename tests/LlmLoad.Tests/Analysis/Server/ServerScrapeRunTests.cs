using System.Net;
using LlmLoad.Simulator;
using LlmLoad.Simulator.Serving;
using LlmLoad.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmLoad.Tests.Analysis.Server;

/// <summary>llmload run scraping a server's /metrics beside the requests, against real loopback servers.</summary>
[Collection(TimingSensitive.Name)]
public sealed class ServerScrapeRunTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Run_ClosedLoopAboveMaxBatch_ServerShowsTheQueueAndItsShareOfTtft()
    {
        // Four batch slots, each held 20 + 19 x 10 = 210 ms; twelve workers keep eight waiting, and each request
        // waits two service times (~420 ms) of its ~440 ms TTFT in the queue.
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            TimeToFirstTokenMs = new(20, 0),
            InterTokenLatencyMs = new(10, 0),
            Capacity = new ServingCapacity { MaxBatch = 4, KvCacheTokens = 4000 },
            SimulatedGpu = true,
        });
        using var results = new ResultsDirectory();

        // No --server-metrics: a loopback target's own /metrics is picked up by default.
        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["run", "--url", simulator.BaseAddress + "v1", "--model", "sim", "--concurrency", "12", "--requests", "60",
             "--input-tokens", "200", "--output-tokens", "20", "--scrape-interval", "200ms", "--out", results.Path],
            Limit);

        Assert.True(exit == 0, stderr + stdout);
        var summary = results.Summary();
        var server = summary.GetProperty("server");
        var endpoint = server.GetProperty("endpoints")[0];
        Assert.Equal(new Uri(simulator.BaseAddress, "/metrics").ToString(), endpoint.GetProperty("url").GetString());
        Assert.Equal(["vllm", "dcgm"], endpoint.GetProperty("flavours").EnumerateArray().Select(f => f.GetString()));
        Assert.True(endpoint.GetProperty("failures").GetInt32() == 0, endpoint.ToString());
        var series = server.GetProperty("series");
        Assert.Equal(4, series.GetProperty("running").GetProperty("max").GetDouble());
        Assert.InRange(series.GetProperty("waiting").GetProperty("max").GetDouble(), 4, 8);
        // 200 + 20 tokens reserved per request, four at a time, of 4000.
        Assert.Equal(0.22, series.GetProperty("kv_cache_usage").GetProperty("max").GetDouble(), 3);
        Assert.InRange(server.GetProperty("batch_size_achieved").GetDouble(), 2.5, 4);
        // The simulated GPU is fully busy with the batch full (four of four), idle before the first request.
        Assert.Equal(100, series.GetProperty("gpu_util_pct").GetProperty("max").GetDouble());
        Assert.InRange(server.GetProperty("queue_time").GetProperty("requests").GetInt32(), 50, 60);
        Assert.InRange(server.GetProperty("queue_share_of_ttft").GetDouble(), 0.6, 1.0);
        Assert.Contains("% of TTFT was queue wait", stdout, StringComparison.Ordinal);
        Assert.Contains(summary.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.StartsWith("queue wait hidden in TTFT: the server's queue time (mean ", StringComparison.Ordinal));

        var csv = File.ReadAllLines(Path.Combine(results.Path, "timeseries.csv"));
        var header = csv[0].Split(',');
        var waiting = Array.IndexOf(header, "server_waiting");
        var queueP50 = Array.IndexOf(header, "server_queue_p50_ms");
        Assert.Contains(csv.Skip(1), row => row.Split(',')[waiting] is { Length: > 0 } cell && double.Parse(cell, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Contains(csv.Skip(1), row => row.Split(',')[queueP50] is { Length: > 0 } cell && double.Parse(cell, System.Globalization.CultureInfo.InvariantCulture) > 0);
        var gpu = Array.IndexOf(header, "gpu_util_pct");
        Assert.Contains(csv.Skip(1), row => row.Split(',')[gpu] == "100");
        Assert.True(File.ReadAllLines(Path.Combine(results.Path, "server-metrics.jsonl")).Length >= 3);
    }

    [Fact]
    public async Task Run_ScrapeEndpointHangs_RequestsKeepTheirPaceAndTheFailuresAreReported()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { TimeToFirstTokenMs = new(5, 0), InterTokenLatencyMs = new(1, 0) });
        await using var hanging = await HangingMetrics.StartAsync();
        using var results = new ResultsDirectory();

        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["run", "--url", simulator.BaseAddress + "v1", "--model", "sim", "--rate", "20", "--arrival", "constant", "--requests", "40",
             "--output-tokens", "5", "--server-metrics", hanging.MetricsUrl.ToString(), "--scrape-interval", "250ms", "--out", results.Path],
            Limit);

        Assert.True(exit == 0, stderr + stdout);
        var summary = results.Summary();
        Assert.Equal(40, summary.GetProperty("requests").GetProperty("succeeded").GetInt32());
        // The schedule holds: a send that waited for a scrape would be late by up to the 1 s scrape deadline.
        // The first half carries the fresh process's start-up (JIT) and its catching up, so it is left out; in the
        // second half the sends keep to their absolute schedule while scrapes hang and time out beside them.
        var requests = results.Requests().OrderBy(r => r.GetProperty("seq").GetInt32()).ToList();
        Assert.Equal(40, requests.Count);
        var lags = requests.Skip(20).Select(r => r.GetProperty("schedule_lag_ms").GetDouble()).Order().ToList();
        Assert.True(lags[lags.Count / 2] < 20 && lags[(int)(lags.Count * 0.9)] < 100, "schedule lag of the second half: " + string.Join(", ", lags));

        var endpoint = summary.GetProperty("server").GetProperty("endpoints")[0];
        // A 2 s run, one scrape deadline of 1 s after another.
        Assert.InRange(endpoint.GetProperty("failures").GetInt32(), 1, 4);
        Assert.Equal(endpoint.GetProperty("scrapes").GetInt32(), endpoint.GetProperty("failures").GetInt32());
        Assert.Equal("no answer within 1000 ms", endpoint.GetProperty("first_failure").GetString());
        Assert.Contains(summary.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.StartsWith($"server metrics {hanging.MetricsUrl}: ", StringComparison.Ordinal));
        Assert.True(hanging.Requests >= 1);
    }

    [Fact]
    public async Task Run_ServerMetricsNotAUrl_RefusedWithTheField()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(["run", "--server-metrics", "localhost:8000", "--requests", "1"], Limit);
        Assert.Equal(2, exit);
        Assert.Contains("--server-metrics 'localhost:8000': expected the absolute http:// or https:// URL of a Prometheus /metrics endpoint", stderr, StringComparison.Ordinal);
    }

    /// <summary>An exporter that accepts the connection and never answers.</summary>
    private sealed class HangingMetrics : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _requests;

        private HangingMetrics(WebApplication app) => _app = app;

        public Uri MetricsUrl { get; private set; } = null!;

        public int Requests => Volatile.Read(ref _requests);

        public static async Task<HangingMetrics> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var hanging = new HangingMetrics(app);
            app.MapGet("/metrics", async (HttpContext context) =>
            {
                Interlocked.Increment(ref hanging._requests);
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            });
            await app.StartAsync();
            hanging.MetricsUrl = new Uri(new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()), "/metrics");
            return hanging;
        }

        public async ValueTask DisposeAsync()
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _app.StopAsync(stopping.Token);
            await _app.DisposeAsync();
        }
    }
}
