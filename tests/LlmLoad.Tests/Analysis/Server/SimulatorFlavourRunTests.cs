using System.Globalization;
using LlmLoad.Simulator;
using LlmLoad.Simulator.Metrics;
using LlmLoad.Simulator.Serving;
using LlmLoad.Tests.Support;

namespace LlmLoad.Tests.Analysis.Server;

/// <summary>
/// llmload run against the simulator speaking each server's metrics: the client detects the flavour from the names and
/// fills the same server columns and summary figures from them.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class SimulatorFlavourRunTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData(MetricsFlavor.Vllm, "vllm", true)]
    [InlineData(MetricsFlavor.Sglang, "sglang", true)]
    [InlineData(MetricsFlavor.Tgi, "tgi", true)]
    [InlineData(MetricsFlavor.LlamaCpp, "llamacpp", false)]
    public async Task Run_EachFlavourAboveCapacity_ServerColumnsAndSummaryFilledFromItsNames(MetricsFlavor flavor, string detected, bool hasQueueTime)
    {
        // Four batch slots of 20 + 19 x 10 = 210 ms and four queue places against eight workers: the queue fills, and
        // a closed loop over 40 requests runs about two seconds.
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            TimeToFirstTokenMs = new(20, 0),
            InterTokenLatencyMs = new(10, 0),
            Capacity = new ServingCapacity { MaxBatch = 4, KvCacheTokens = 4000, MaxQueue = 4 },
            MetricsFlavor = flavor,
        });
        using var results = new ResultsDirectory();
        var metricsUrl = new Uri(simulator.BaseAddress, "/metrics").ToString();

        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["run", "--url", simulator.BaseAddress + "v1", "--model", "sim", "--concurrency", "12", "--requests", "40",
             "--input-tokens", "200", "--output-tokens", "20", "--scrape-interval", "100ms", "--server-metrics", metricsUrl, "--out", results.Path],
            Limit);

        Assert.True(exit == 0, stderr + stdout);
        var server = results.Summary().GetProperty("server");
        var endpoint = server.GetProperty("endpoints")[0];
        Assert.Equal([detected], endpoint.GetProperty("flavours").EnumerateArray().Select(f => f.GetString()));
        // A scrape may time out on a busy machine (reported as a warning); the figures need a few that answered.
        Assert.True(endpoint.GetProperty("scrapes").GetInt32() - endpoint.GetProperty("failures").GetInt32() >= 3, endpoint.ToString());
        var series = server.GetProperty("series");
        Assert.Equal(4, series.GetProperty("running").GetProperty("max").GetDouble());
        Assert.InRange(series.GetProperty("waiting").GetProperty("max").GetDouble(), 1, 4);
        // 200 + 20 tokens reserved per request, four at a time, of 4000.
        Assert.Equal(0.22, series.GetProperty("kv_cache_usage").GetProperty("max").GetDouble(), 3);
        Assert.True(series.GetProperty("rejected_total").GetProperty("increase").GetDouble() > 0, series.ToString());
        Assert.InRange(server.GetProperty("rejection_rate_when_queue_full").GetDouble(), 0.01, 1);
        Assert.Equal(hasQueueTime, server.GetProperty("queue_time").GetProperty("requests").GetInt32() > 0);

        var csv = File.ReadAllLines(Path.Combine(results.Path, "timeseries.csv"));
        var header = csv[0].Split(',');
        foreach (var column in new[] { "server_running", "server_waiting", "server_kv_cache_pct" })
        {
            var index = Array.IndexOf(header, column);
            Assert.True(index >= 0, column);
            Assert.Contains(csv.Skip(1), row => row.Split(',')[index] is { Length: > 0 } cell && double.Parse(cell, CultureInfo.InvariantCulture) > 0);
        }
    }

    [Fact]
    public async Task Run_EmbeddedSimulatorProfileWithMetricsFlavor_ScrapedUnderThatFlavour()
    {
        using var results = new ResultsDirectory();
        var profile = Path.Combine(results.Path, "tgi-server.yaml");
        Directory.CreateDirectory(results.Path);
        await File.WriteAllTextAsync(profile, """
            capacity:
              max_batch: 2
              kv_cache_tokens: 2000
            metrics:
              flavor: tgi
            """);

        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["run", "--simulator", profile, "--concurrency", "4", "--requests", "12", "--output-tokens", "10", "--scrape-interval", "100ms", "--out", results.Path],
            Limit);

        Assert.True(exit == 0, stderr + stdout);
        var endpoint = results.Summary().GetProperty("server").GetProperty("endpoints")[0];
        Assert.Equal(["tgi"], endpoint.GetProperty("flavours").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task Simulate_UnknownMetricsFlavor_RefusedNamingTheChoices()
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync(["simulate", "--metrics-flavor", "triton"], Limit);

        Assert.Equal(2, exit);
        Assert.Contains("--metrics-flavor: expected one of vllm, sglang, tgi, llamacpp, got 'triton'", stderr + stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }
}
