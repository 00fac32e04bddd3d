using System.Text.Json;
using LlmLoad.Simulator.Serving;
using LlmLoad.Simulator.Tests.Metrics;
using LlmLoad.Simulator.Tests.TestSupport;

namespace LlmLoad.Simulator.Tests.Serving;

/// <summary>The simulator's own /metrics, read by the Prometheus parser, against what the server is doing.</summary>
public sealed class ServerStateMetricsTests
{
    private static readonly (string, string) Model = ("model_name", "llmload-simulator");

    [Fact]
    public async Task Metrics_GaugesFollowTheBatchAndQueue_CountersFollowTheRequests()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            TimeToFirstTokenMs = new(0, 0),
            InterTokenLatencyMs = new(0, 0),
            Capacity = new ServingCapacity { MaxBatch = 2, KvCacheTokens = 1000 },
        });
        using var client = new SimulatorClient(server);
        using var done = await client.PostAsync(Body(stream: false, maxTokens: 9));
        var promptTokens = JsonDocument.Parse(await done.Content.ReadAsStringAsync()).RootElement.GetProperty("usage").GetProperty("prompt_tokens").GetInt32();

        var idle = await ScrapeAsync(client);
        Assert.Equal(0, idle.Value("vllm:num_requests_running", Model));
        Assert.Equal(1, idle.Value("vllm:request_success_total", Model, ("finished_reason", "length")));
        Assert.Equal(9, idle.Value("vllm:generation_tokens_total", Model));
        Assert.Equal(promptTokens, idle.Value("vllm:prompt_tokens_total", Model));
        Assert.Equal(1, idle.Value("vllm:time_to_first_token_seconds_count", Model));

        // Five requests that would take a minute: two run, three wait; each running one holds prompt + 100 tokens of cache.
        await using var slow = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            TimeToFirstTokenMs = new(60_000, 0),
            Capacity = new ServingCapacity { MaxBatch = 2, KvCacheTokens = 1000 },
        });
        using var slowClient = new SimulatorClient(slow);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var pending = Enumerable.Range(0, 5).Select(_ => slowClient.PostAsync(Body(stream: true, maxTokens: 100))).ToList();
        var busy = await WaitForAsync(slowClient, s => s.Value("vllm:num_requests_waiting", Model) == 3, cancel.Token);
        Assert.Equal(2, busy.Value("vllm:num_requests_running", Model));
        Assert.Equal(2.0 * (promptTokens + 100) / 1000, busy.Value("vllm:kv_cache_usage_perc", Model), 6);

        // The clients give up: every request ends as an abort, and the batch and queue empty.
        foreach (var response in await Task.WhenAll(pending))
        {
            response.Dispose();
        }

        var after = await WaitForAsync(slowClient, s => s.Value("vllm:request_success_total", Model, ("finished_reason", "abort")) == 5, cancel.Token);
        Assert.Equal(0, after.Value("vllm:num_requests_running", Model));
        Assert.Equal(0, after.Value("vllm:num_requests_waiting", Model));
        Assert.Equal(0, after.Value("vllm:kv_cache_usage_perc", Model));
    }

    private static string Body(bool stream, int maxTokens)
        => SimulatorClient.ChatBody(new { model = "m", max_tokens = maxTokens, stream, messages = new[] { new { role = "user", content = "hi" } } });

    private static async Task<Scrape> ScrapeAsync(SimulatorClient client)
    {
        using var response = await client.GetAsync("metrics");
        var text = await response.Content.ReadAsStringAsync();
        return new Scrape(text, await PrometheusParser.ParseAsync(text));
    }

    private static async Task<Scrape> WaitForAsync(SimulatorClient client, Func<Scrape, bool> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            var scrape = await ScrapeAsync(client);
            if (condition(scrape))
            {
                return scrape;
            }

            await Task.Delay(50, cancellationToken);
        }
    }
}
