using System.Globalization;
using LlmLoad.Simulator.Metrics;

namespace LlmLoad.Simulator.Tests.Metrics;

public sealed class ServerMetricsTests
{
    private const string Model = "test-model";
    private static readonly (string, string) ModelLabel = ("model_name", Model);

    private ServingSnapshot _state = new(Running: 3, Waiting: 7, KvCacheUsage: 0.42);

    [Fact]
    public async Task WriteAsync_AnyState_ExposesEveryVllmFamilyOnceWithItsType()
    {
        var metrics = new ServerMetrics(() => _state, Model);
        await using var host = await MetricsHost.StartAsync(metrics);

        var scrape = await host.ScrapeAsync();

        // The Python parser files a sample whose name does not fit the preceding TYPE under a family of its
        // own, typed "unknown"; an exact family list catches that as well as a missing or doubled family.
        string[] expected =
        [
            "vllm:num_requests_running gauge", "vllm:num_requests_waiting gauge", "vllm:kv_cache_usage_perc gauge",
            "vllm:prefix_cache_queries counter", "vllm:prefix_cache_hits counter", "vllm:num_preemptions counter",
            "vllm:prompt_tokens counter", "vllm:generation_tokens counter", "vllm:request_success counter",
            "vllm:time_to_first_token_seconds histogram", "vllm:inter_token_latency_seconds histogram",
            "vllm:e2e_request_latency_seconds histogram", "vllm:request_queue_time_seconds histogram",
            "llmload_simulator_queue_full_rejections counter", "llmload_simulator_send_lag_seconds histogram",
        ];
        Assert.Equal(expected.Order(), scrape.Families.Select(f => $"{f.Name} {f.Type}").Order());
        Assert.All(scrape.Families.SelectMany(f => f.Samples), s => Assert.Equal(Model, s.Labels["model_name"]));
    }

    [Fact]
    public async Task WriteAsync_Counters_EndInTotalExactlyOnce()
    {
        var metrics = new ServerMetrics(() => _state, Model);
        await using var host = await MetricsHost.StartAsync(metrics);

        var scrape = await host.ScrapeAsync();

        Assert.Equal(["vllm:prompt_tokens_total"], scrape.Family("vllm:prompt_tokens", "counter").Samples.Select(s => s.Name));
        Assert.Equal(["vllm:generation_tokens_total"], scrape.Family("vllm:generation_tokens", "counter").Samples.Select(s => s.Name).Distinct());
        Assert.Equal(["vllm:request_success_total"], scrape.Family("vllm:request_success", "counter").Samples.Select(s => s.Name).Distinct());
        Assert.DoesNotContain("_total_total", scrape.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_Response_HasPrometheusTextContentType()
    {
        var metrics = new ServerMetrics(() => _state, Model);
        await using var host = await MetricsHost.StartAsync(metrics);

        using var response = await host.GetMetricsAsync();

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task WriteAsync_Gauges_EqualTheSnapshotAtEachScrape()
    {
        var metrics = new ServerMetrics(() => _state, Model);
        await using var host = await MetricsHost.StartAsync(metrics);

        var first = await host.ScrapeAsync();
        _state = new ServingSnapshot(Running: 12, Waiting: 0, KvCacheUsage: 1.0);
        var second = await host.ScrapeAsync();

        Assert.Equal(3, first.Value("vllm:num_requests_running", ModelLabel));
        Assert.Equal(7, first.Value("vllm:num_requests_waiting", ModelLabel));
        Assert.Equal(0.42, first.Value("vllm:kv_cache_usage_perc", ModelLabel));
        Assert.Equal(12, second.Value("vllm:num_requests_running", ModelLabel));
        Assert.Equal(0, second.Value("vllm:num_requests_waiting", ModelLabel));
        Assert.Equal(1.0, second.Value("vllm:kv_cache_usage_perc", ModelLabel));
    }

    [Fact]
    public async Task WriteAsync_AfterKnownCalls_CountersEqualWhatWasFed()
    {
        var metrics = new ServerMetrics(() => _state, Model);
        metrics.PromptTokens(100);
        metrics.PromptTokens(23);
        for (var i = 0; i < 5; i++)
        {
            metrics.TokenSent(0.0001, i == 0 ? null : 0.02);
        }

        metrics.RequestFinished(FinishedReasons.Stop, 0.1, 0.2, 1.0);
        metrics.RequestFinished(FinishedReasons.Stop, 0.1, 0.2, 1.0);
        metrics.RequestFinished(FinishedReasons.Length, 0.1, 0.2, 1.0);
        metrics.RequestFinished(FinishedReasons.Abort, 0.1, 0.2, 1.0);
        await using var host = await MetricsHost.StartAsync(metrics);

        var scrape = await host.ScrapeAsync();

        Assert.Equal(123, scrape.Value("vllm:prompt_tokens_total", ModelLabel));
        Assert.Equal(5, scrape.Value("vllm:generation_tokens_total", ModelLabel));
        Assert.Equal(2, scrape.Value("vllm:request_success_total", ModelLabel, ("finished_reason", "stop")));
        Assert.Equal(1, scrape.Value("vllm:request_success_total", ModelLabel, ("finished_reason", "length")));
        Assert.Equal(1, scrape.Value("vllm:request_success_total", ModelLabel, ("finished_reason", "abort")));
    }

    [Fact]
    public async Task WriteAsync_AfterKnownCalls_HistogramsMatchTheObservations()
    {
        var metrics = new ServerMetrics(() => _state, Model);
        metrics.RequestFinished(FinishedReasons.Stop, queueSeconds: 0.4, timeToFirstTokenSeconds: 0.05, e2eSeconds: 3.0);
        // Exactly on a bound: Prometheus buckets are "less than or equal".
        metrics.RequestFinished(FinishedReasons.Length, queueSeconds: 0, timeToFirstTokenSeconds: 0.001, e2eSeconds: 0.3);
        metrics.RequestFinished(FinishedReasons.Stop, queueSeconds: 9000, timeToFirstTokenSeconds: 3000, e2eSeconds: 9000);
        // Aborts are counted but kept out of the latency histograms.
        metrics.RequestFinished(FinishedReasons.Abort, queueSeconds: 1, timeToFirstTokenSeconds: 1, e2eSeconds: 1);
        metrics.TokenSent(lagSeconds: -0.5, interTokenSeconds: null);
        metrics.TokenSent(lagSeconds: 0.0003, interTokenSeconds: 0.02);
        metrics.TokenSent(lagSeconds: 2.0, interTokenSeconds: 0.5);
        await using var host = await MetricsHost.StartAsync(metrics);

        var scrape = await host.ScrapeAsync();

        AssertHistogram(scrape, "vllm:time_to_first_token_seconds", [0.05, 0.001, 3000]);
        AssertHistogram(scrape, "vllm:e2e_request_latency_seconds", [3.0, 0.3, 9000]);
        AssertHistogram(scrape, "vllm:request_queue_time_seconds", [0.4, 0, 9000]);
        AssertHistogram(scrape, "vllm:inter_token_latency_seconds", [0.02, 0.5]);
        // A token sent early counts as on time: the negative lag is clamped to 0.
        AssertHistogram(scrape, "llmload_simulator_send_lag_seconds", [0, 0.0003, 2.0]);
    }

    [Fact]
    public async Task WriteAsync_Histograms_UseVllmBucketBoundsSpelledAsVllmDoes()
    {
        var metrics = new ServerMetrics(() => _state, Model);
        await using var host = await MetricsHost.StartAsync(metrics);

        var scrape = await host.ScrapeAsync();

        // From vllm/v1/metrics/loggers.py; prometheus_client writes bounds as Python floats ("1.0").
        Assert.Equal(
            ["0.001", "0.005", "0.01", "0.02", "0.04", "0.06", "0.08", "0.1", "0.25", "0.5", "0.75", "1.0", "2.5", "5.0", "7.5",
             "10.0", "20.0", "40.0", "80.0", "160.0", "640.0", "2560.0", "+Inf"],
            BucketBounds(scrape, "vllm:time_to_first_token_seconds"));
        Assert.Equal(
            ["0.01", "0.025", "0.05", "0.075", "0.1", "0.15", "0.2", "0.3", "0.4", "0.5", "0.75", "1.0", "2.5", "5.0", "7.5",
             "10.0", "20.0", "40.0", "80.0", "+Inf"],
            BucketBounds(scrape, "vllm:inter_token_latency_seconds"));
        string[] requestLatency =
        [
            "0.3", "0.5", "0.8", "1.0", "1.5", "2.0", "2.5", "5.0", "10.0", "15.0", "20.0", "30.0", "40.0", "50.0", "60.0",
            "120.0", "240.0", "480.0", "960.0", "1920.0", "7680.0", "+Inf",
        ];
        Assert.Equal(requestLatency, BucketBounds(scrape, "vllm:e2e_request_latency_seconds"));
        Assert.Equal(requestLatency, BucketBounds(scrape, "vllm:request_queue_time_seconds"));
        Assert.Equal(
            ["0.0001", "0.00025", "0.0005", "0.001", "0.002", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "1.0", "+Inf"],
            BucketBounds(scrape, "llmload_simulator_send_lag_seconds"));
    }

    [Fact]
    public async Task WriteAsync_ModelNameNeedingEscapes_ParsesBackToTheSameName()
    {
        const string awkward = "org/model \"v2\"\\beta\nline";
        var metrics = new ServerMetrics(() => _state, awkward);
        await using var host = await MetricsHost.StartAsync(metrics);

        var scrape = await host.ScrapeAsync();

        Assert.All(scrape.Families.SelectMany(f => f.Samples), s => Assert.Equal(awkward, s.Labels["model_name"]));
    }

    [Fact]
    public async Task WriteAsync_TwoInstances_DoNotShareValues()
    {
        var stateB = new ServingSnapshot(Running: 1, Waiting: 2, KvCacheUsage: 0.5);
        var a = new ServerMetrics(() => _state, "model-a");
        var b = new ServerMetrics(() => stateB, "model-b");
        a.PromptTokens(10);
        a.TokenSent(0.001, null);
        a.RequestFinished(FinishedReasons.Stop, 0.1, 0.2, 1.0);
        b.PromptTokens(7);
        b.RequestFinished(FinishedReasons.Length, 0.5, 0.6, 2.0);
        b.RequestFinished(FinishedReasons.Length, 0.5, 0.6, 2.0);
        await using var hostA = await MetricsHost.StartAsync(a);
        await using var hostB = await MetricsHost.StartAsync(b);

        var scrapeA = await hostA.ScrapeAsync();
        var scrapeB = await hostB.ScrapeAsync();

        (string, string) labelA = ("model_name", "model-a"), labelB = ("model_name", "model-b");
        Assert.Equal(10, scrapeA.Value("vllm:prompt_tokens_total", labelA));
        Assert.Equal(7, scrapeB.Value("vllm:prompt_tokens_total", labelB));
        Assert.Equal(1, scrapeA.Value("vllm:generation_tokens_total", labelA));
        Assert.Equal(0, scrapeB.Value("vllm:generation_tokens_total", labelB));
        Assert.Equal(1, scrapeA.Value("vllm:request_success_total", labelA, ("finished_reason", "stop")));
        Assert.Equal(0, scrapeA.Value("vllm:request_success_total", labelA, ("finished_reason", "length")));
        Assert.Equal(0, scrapeB.Value("vllm:request_success_total", labelB, ("finished_reason", "stop")));
        Assert.Equal(2, scrapeB.Value("vllm:request_success_total", labelB, ("finished_reason", "length")));
        Assert.Equal(1, scrapeA.Value("vllm:e2e_request_latency_seconds_count", labelA));
        Assert.Equal(4.0, scrapeB.Value("vllm:e2e_request_latency_seconds_sum", labelB));
        Assert.Equal(3, scrapeA.Value("vllm:num_requests_running", labelA));
        Assert.Equal(1, scrapeB.Value("vllm:num_requests_running", labelB));
        Assert.DoesNotContain("model-b", scrapeA.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("model-a", scrapeB.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordingMethods_AfterWarmUp_AllocateNothing()
    {
        var metrics = new ServerMetrics(() => _state, Model);
        Record(metrics, 100);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Record(metrics, 10_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);

        static void Record(ServerMetrics metrics, int times)
        {
            for (var i = 0; i < times; i++)
            {
                metrics.PromptTokens(12);
                metrics.TokenSent(0.00005 * (i % 50), i % 10 == 0 ? null : 0.015);
                metrics.RequestFinished(FinishedReasons.Stop, 0.01, 0.2, 1.5);
                metrics.RequestFinished(FinishedReasons.Abort, 0.01, 0.2, 1.5);
            }
        }
    }

    [Fact]
    public void RequestFinished_UnknownReason_Throws()
    {
        var metrics = new ServerMetrics(() => _state, Model);

        Assert.Throws<ArgumentOutOfRangeException>(() => metrics.RequestFinished("error", 0, 0, 0));
    }

    [Fact]
    public void PromptTokens_Negative_Throws()
    {
        var metrics = new ServerMetrics(() => _state, Model);

        Assert.Throws<ArgumentOutOfRangeException>(() => metrics.PromptTokens(-1));
    }

    private static void AssertHistogram(Scrape scrape, string name, double[] observations)
    {
        var family = scrape.Family(name, "histogram");
        var buckets = family.Samples.Where(s => s.Name == name + "_bucket").ToList();
        Assert.NotEmpty(buckets);
        Assert.Equal("+Inf", buckets[^1].Labels["le"]);
        foreach (var bucket in buckets)
        {
            var bound = bucket.Labels["le"] == "+Inf" ? double.PositiveInfinity : double.Parse(bucket.Labels["le"], CultureInfo.InvariantCulture);
            Assert.True(
                observations.Count(o => o <= bound) == bucket.Value,
                $"{name} le={bucket.Labels["le"]}: expected {observations.Count(o => o <= bound)}, exposed {bucket.Value}.");
        }

        Assert.Equal(observations.Length, scrape.Value(name + "_count", ModelLabel));
        Assert.Equal(observations.Sum(), scrape.Value(name + "_sum", ModelLabel), precision: 9);
    }

    private static string[] BucketBounds(Scrape scrape, string name)
        => [.. scrape.Family(name, "histogram").Samples.Where(s => s.Name == name + "_bucket").Select(s => s.Labels["le"])];
}
