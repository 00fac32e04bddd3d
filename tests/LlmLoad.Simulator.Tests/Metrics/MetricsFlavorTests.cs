using LlmLoad.Simulator.Metrics;

namespace LlmLoad.Simulator.Tests.Metrics;

/// <summary>Each --metrics-flavor: the same serving state, under that server's names, types, labels and number spelling, read back by prometheus_client.</summary>
public sealed class MetricsFlavorTests
{
    private const string Model = "test-model";
    private static readonly (string, string) ModelLabel = ("model_name", Model);

    private static readonly (string, string)[] SglangScheduler =
        [ModelLabel, ("engine_type", "unified"), ("tp_rank", "0"), ("pp_rank", "0"), ("moe_ep_rank", "0")];

    // 3 running holding 1,680 of 4,000 KV tokens, 7 queued.
    private readonly ServingSnapshot _state = new(Running: 3, Waiting: 7, KvCacheUsage: 0.42, KvTokensUsed: 1680, KvTokensTotal: 4000);

    public static TheoryData<MetricsFlavor, string[]> Families => new()
    {
        {
            MetricsFlavor.Vllm,
            [
                "vllm:num_requests_running gauge", "vllm:num_requests_waiting gauge", "vllm:kv_cache_usage_perc gauge",
                "vllm:prefix_cache_queries counter", "vllm:prefix_cache_hits counter", "vllm:num_preemptions counter",
                "vllm:prompt_tokens counter", "vllm:generation_tokens counter", "vllm:request_success counter",
                "vllm:time_to_first_token_seconds histogram", "vllm:inter_token_latency_seconds histogram",
                "vllm:e2e_request_latency_seconds histogram", "vllm:request_queue_time_seconds histogram",
                "llmload_simulator_queue_full_rejections counter", "llmload_simulator_send_lag_seconds histogram",
            ]
        },
        {
            MetricsFlavor.Sglang,
            [
                "sglang:num_running_reqs gauge", "sglang:num_used_tokens gauge", "sglang:token_usage gauge", "sglang:gen_throughput gauge",
                "sglang:num_queue_reqs gauge", "sglang:cache_hit_rate gauge", "sglang:max_total_num_tokens gauge", "sglang:num_retracted_reqs gauge",
                "sglang:num_retracted_requests counter", "sglang:queue_time_seconds histogram",
                "sglang:prompt_tokens counter", "sglang:generation_tokens counter", "sglang:cached_tokens counter",
                "sglang:num_requests counter", "sglang:num_aborted_requests counter",
                "sglang:time_to_first_token_seconds histogram", "sglang:inter_token_latency_seconds histogram", "sglang:e2e_request_latency_seconds histogram",
                "llmload_simulator_queue_full_rejections counter", "llmload_simulator_send_lag_seconds histogram",
            ]
        },
        {
            MetricsFlavor.Tgi,
            [
                "tgi_queue_size gauge", "tgi_batch_current_size gauge", "tgi_batch_current_max_tokens gauge", "tgi_batch_max_total_tokens gauge",
                "tgi_request_count counter", "tgi_request_success counter", "tgi_request_failure counter",
                "tgi_request_duration histogram", "tgi_request_queue_duration histogram", "tgi_request_inference_duration histogram",
                "tgi_request_mean_time_per_token_duration histogram", "llmload_simulator_send_lag_seconds histogram",
            ]
        },
        {
            MetricsFlavor.LlamaCpp,
            [
                "llamacpp:prompt_tokens counter", "llamacpp:prompt_tokens_cached counter", "llamacpp:prompt_seconds counter",
                "llamacpp:tokens_predicted counter", "llamacpp:tokens_predicted_seconds counter",
                "llamacpp:prompt_tokens_seconds gauge", "llamacpp:predicted_tokens_seconds gauge", "llamacpp:kv_cache_usage_ratio gauge",
                "llamacpp:kv_cache_tokens gauge", "llamacpp:requests_processing gauge", "llamacpp:requests_deferred gauge",
                "llmload_simulator_queue_full_rejections counter", "llmload_simulator_send_lag_seconds histogram",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public async Task WriteAsync_EachFlavour_ExposesExactlyItsDocumentedFamiliesWithTheirTypes(MetricsFlavor flavor, string[] expected)
    {
        var metrics = Fed(flavor);
        await using var host = await MetricsHost.StartAsync(metrics);

        var scrape = await host.ScrapeAsync();

        // The Python parser files a sample that does not fit the preceding TYPE under a family of its own, typed
        // "unknown"; the exact list catches that as well as a missing, renamed or doubled family.
        Assert.Equal(expected.Order(), scrape.Families.Select(f => $"{f.Name} {f.Type}").Order());
    }

    [Fact]
    public async Task WriteAsync_Sglang_SchedulerGaugesCarryTheRankLabels_TokenizerSeriesTheModel()
    {
        await using var host = await MetricsHost.StartAsync(Fed(MetricsFlavor.Sglang));

        var scrape = await host.ScrapeAsync();

        Assert.Equal(3, scrape.Value("sglang:num_running_reqs", SglangScheduler));
        Assert.Equal(7, scrape.Value("sglang:num_queue_reqs", SglangScheduler));
        Assert.Equal(0.42, scrape.Value("sglang:token_usage", SglangScheduler));
        Assert.Equal(1680, scrape.Value("sglang:num_used_tokens", SglangScheduler));
        Assert.Equal(4000, scrape.Value("sglang:max_total_num_tokens", SglangScheduler));
        Assert.Equal(2, scrape.Value("sglang:queue_time_seconds_count", SglangScheduler));
        Assert.Equal(123, scrape.Value("sglang:prompt_tokens_total", ModelLabel));
        Assert.Equal(2, scrape.Value("sglang:num_requests_total", ModelLabel));
        Assert.Equal(1, scrape.Value("sglang:num_aborted_requests_total", ModelLabel));
        // SGLang's first TTFT bound is 0.1 s, not vLLM's 0.001.
        Assert.Contains("sglang:time_to_first_token_seconds_bucket{model_name=\"test-model\",le=\"0.1\"}", scrape.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_Tgi_UnlabelledCountersWithoutTotal_IntegersWithoutPoint_QueueFullAsOverloaded()
    {
        await using var host = await MetricsHost.StartAsync(Fed(MetricsFlavor.Tgi));

        var scrape = await host.ScrapeAsync();

        Assert.Equal(3, scrape.Value("tgi_batch_current_size"));
        Assert.Equal(7, scrape.Value("tgi_queue_size"));
        Assert.Equal(1680, scrape.Value("tgi_batch_current_max_tokens"));
        Assert.Equal(4000, scrape.Value("tgi_batch_max_total_tokens"));
        // prometheus_client names a counter's sample name_total even when the exporter wrote it without.
        Assert.Equal(2, scrape.Value("tgi_request_failure_total", ("err", "overloaded")));
        // Two finished, one aborted, two refused.
        Assert.Contains("\ntgi_request_count 5\n", scrape.Text, StringComparison.Ordinal);
        Assert.Contains("\ntgi_request_success 2\n", scrape.Text, StringComparison.Ordinal);
        Assert.Equal(2, scrape.Value("tgi_request_queue_duration_count"));
        Assert.Equal(0.5, scrape.Value("tgi_request_queue_duration_sum"));
        // Each finished request had 11 tokens over 1.0 s after its first: 0.1 s per token.
        Assert.Equal(0.2, scrape.Value("tgi_request_mean_time_per_token_duration_sum"), 9);
        Assert.DoesNotContain("llmload_simulator_queue_full_rejections", scrape.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_LlamaCpp_NoLabels_NumbersAsACppStreamPrintsThem()
    {
        var metrics = Fed(MetricsFlavor.LlamaCpp);
        metrics.PromptTokens(1_234_444);
        await using var host = await MetricsHost.StartAsync(metrics);

        var scrape = await host.ScrapeAsync();

        Assert.Contains("\nllamacpp:requests_processing 3\n", scrape.Text, StringComparison.Ordinal);
        Assert.Contains("\nllamacpp:requests_deferred 7\n", scrape.Text, StringComparison.Ordinal);
        Assert.Contains("\nllamacpp:kv_cache_usage_ratio 0.42\n", scrape.Text, StringComparison.Ordinal);
        // 1,234,567 prompt tokens, none cached: six significant digits, as std::ostream prints a double.
        Assert.Contains("\nllamacpp:prompt_tokens_total 1.23457e+06\n", scrape.Text, StringComparison.Ordinal);
        Assert.Equal(1_234_570, scrape.Value("llamacpp:prompt_tokens_total"));
        // Prefill is admission to first token (0.2 and 0.25 s), decode first token to end (1.0 s each).
        Assert.Equal(0.45, scrape.Value("llamacpp:prompt_seconds_total"), 6);
        Assert.Equal(2.0, scrape.Value("llamacpp:tokens_predicted_seconds_total"), 6);
    }

    [Theory]
    [InlineData(MetricsFlavor.Vllm)]
    [InlineData(MetricsFlavor.Sglang)]
    [InlineData(MetricsFlavor.LlamaCpp)]
    public async Task WriteAsync_ServersWithoutARefusalCounter_GetTheSimulatorsOwn(MetricsFlavor flavor)
    {
        await using var host = await MetricsHost.StartAsync(Fed(flavor));

        var scrape = await host.ScrapeAsync();

        Assert.Equal(2, scrape.Value("llmload_simulator_queue_full_rejections_total", ModelLabel));
    }

    [Theory]
    [InlineData(MetricsFlavor.Sglang)]
    [InlineData(MetricsFlavor.Tgi)]
    [InlineData(MetricsFlavor.LlamaCpp)]
    public async Task WriteAsync_AnyFlavourWithSimulatedGpu_KeepsTheDcgmSeries(MetricsFlavor flavor)
    {
        var metrics = new ServerMetrics(() => _state, Model, new SimulatedGpu(maxBatch: 4), flavor);
        await using var host = await MetricsHost.StartAsync(metrics);

        var scrape = await host.ScrapeAsync();

        var util = scrape.Family("DCGM_FI_DEV_GPU_UTIL", "gauge").Samples.Single();
        // Three of four slots busy: 30% + 70% x 3/4 = 82.5%, rounded.
        Assert.InRange(util.Value, 82, 83);
        Assert.Equal("0", util.Labels["gpu"]);
    }

    /// <summary>123 prompt tokens, 5 streamed tokens, two requests finished (queue 0.2 and 0.3 s), one aborted, two refused for a full queue.</summary>
    private ServerMetrics Fed(MetricsFlavor flavor)
    {
        var metrics = new ServerMetrics(() => _state, Model, flavor: flavor);
        metrics.PromptTokens(100);
        metrics.PromptTokens(23);
        for (var i = 0; i < 5; i++)
        {
            metrics.TokenSent(0.0001, i == 0 ? null : 0.02);
        }

        metrics.RequestFinished(FinishedReasons.Stop, 0.2, 0.4, 1.4, generatedTokens: 11);
        metrics.RequestFinished(FinishedReasons.Length, 0.3, 0.55, 1.55, generatedTokens: 11);
        metrics.RequestFinished(FinishedReasons.Abort, 0, 0, 0);
        metrics.QueueFull();
        metrics.QueueFull();
        return metrics;
    }
}
