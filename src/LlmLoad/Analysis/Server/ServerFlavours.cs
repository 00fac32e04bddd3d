namespace LlmLoad.Analysis.Server;

/// <summary>
/// The servers llmload recognises from metric names, and the series it reads from each. Sources are listed in
/// docs/server-metrics.md; anything not here is still written raw to server-metrics.jsonl.
/// </summary>
internal static class ServerFlavours
{
    public const string VllmV1 = "vllm";
    public const string VllmV0 = "vllm-v0";
    public const string Sglang = "sglang";
    public const string Tgi = "tgi";
    public const string LlamaCpp = "llamacpp";
    public const string Dcgm = "dcgm";

    /// <summary>llmload's simulator's own series, written beside any flavour's.</summary>
    public const string Simulator = "llmload-simulator";

    /// <summary>The queue-time histogram of each server (seconds), from which per-window percentiles come.</summary>
    public static IReadOnlyDictionary<string, string> QueueTimeHistograms { get; } = new Dictionary<string, string>
    {
        ["vllm:request_queue_time_seconds"] = VllmV1,
        ["sglang:queue_time_seconds"] = Sglang,
        ["tgi_request_queue_duration"] = Tgi,
    };

    public static IReadOnlyList<KnownSeries> Series { get; } =
    [
        // vLLM v1 (vllm/v1/metrics/loggers.py); v0 spelled the KV cache gpu_cache_usage_perc. Both are fractions despite "_perc".
        new("vllm:num_requests_running", VllmV1, ServerQuantity.Running, CombineRule.Sum),
        new("vllm:num_requests_waiting", VllmV1, ServerQuantity.Waiting, CombineRule.Sum),
        new("vllm:kv_cache_usage_perc", VllmV1, ServerQuantity.KvCacheUsage, CombineRule.Max),
        new("vllm:gpu_cache_usage_perc", VllmV0, ServerQuantity.KvCacheUsage, CombineRule.Max),
        new("vllm:num_preemptions_total", VllmV1, ServerQuantity.Preemptions, CombineRule.Sum),
        new("vllm:prefix_cache_queries_total", VllmV1, ServerQuantity.PrefixCacheQueries, CombineRule.Sum),
        new("vllm:prefix_cache_hits_total", VllmV1, ServerQuantity.PrefixCacheHits, CombineRule.Sum),
        new("vllm:prompt_tokens_total", VllmV1, ServerQuantity.PromptTokens, CombineRule.Sum),
        new("vllm:generation_tokens_total", VllmV1, ServerQuantity.GenerationTokens, CombineRule.Sum),

        // SGLang (python/sglang/srt/metrics/collector.py): token_usage is the KV pool's used fraction.
        new("sglang:num_running_reqs", Sglang, ServerQuantity.Running, CombineRule.Sum),
        new("sglang:num_queue_reqs", Sglang, ServerQuantity.Waiting, CombineRule.Sum),
        new("sglang:token_usage", Sglang, ServerQuantity.KvCacheUsage, CombineRule.Max),
        new("sglang:prompt_tokens_total", Sglang, ServerQuantity.PromptTokens, CombineRule.Sum),
        new("sglang:generation_tokens_total", Sglang, ServerQuantity.GenerationTokens, CombineRule.Sum),
        new("sglang:cached_tokens_total", Sglang, ServerQuantity.PrefixCacheHits, CombineRule.Sum),
        // A retraction sends a running request back to the queue to free KV cache: SGLang's preemption.
        new("sglang:num_retracted_requests_total", Sglang, ServerQuantity.Preemptions, CombineRule.Sum),

        // TGI (docs: reference/metrics): the running batch's size and the queue in front of it.
        new("tgi_batch_current_size", Tgi, ServerQuantity.Running, CombineRule.Sum),
        new("tgi_queue_size", Tgi, ServerQuantity.Waiting, CombineRule.Sum),
        // Counted when max_concurrent_requests are in flight and the request is answered 429 (router/src/infer/mod.rs).
        new("tgi_request_failure", Tgi, ServerQuantity.Rejections, CombineRule.Sum, OnlyLabel: "err=overloaded"),

        // llama.cpp server (tools/server/README.md, GET /metrics with --metrics): deferred requests wait for a slot.
        new("llamacpp:requests_processing", LlamaCpp, ServerQuantity.Running, CombineRule.Sum),
        new("llamacpp:requests_deferred", LlamaCpp, ServerQuantity.Waiting, CombineRule.Sum),
        new("llamacpp:kv_cache_usage_ratio", LlamaCpp, ServerQuantity.KvCacheUsage, CombineRule.Max),
        new("llamacpp:prompt_tokens_total", LlamaCpp, ServerQuantity.PromptTokens, CombineRule.Sum),
        new("llamacpp:tokens_predicted_total", LlamaCpp, ServerQuantity.GenerationTokens, CombineRule.Sum),

        // llmload's simulator, for the servers that queue without bound and count no refusals (docs/simulator.md).
        new("llmload_simulator_queue_full_rejections_total", Simulator, ServerQuantity.Rejections, CombineRule.Sum),

        // NVIDIA dcgm-exporter (etc/default-counters.csv), one series per GPU label.
        new("DCGM_FI_DEV_GPU_UTIL", Dcgm, ServerQuantity.GpuUtilization, CombineRule.Mean),
        new("DCGM_FI_DEV_FB_USED", Dcgm, ServerQuantity.GpuMemoryUsed, CombineRule.Sum),
        new("DCGM_FI_DEV_FB_FREE", Dcgm, ServerQuantity.GpuMemoryFree, CombineRule.Sum),
        new("DCGM_FI_DEV_POWER_USAGE", Dcgm, ServerQuantity.GpuPower, CombineRule.Sum),
        new("DCGM_FI_DEV_GPU_TEMP", Dcgm, ServerQuantity.GpuTemperature, CombineRule.Max),
        new("DCGM_FI_DEV_CLOCK_THROTTLE_REASONS", Dcgm, ServerQuantity.GpusThrottled, CombineRule.CountNonIdleBits),
        new("DCGM_FI_DEV_CLOCKS_EVENT_REASONS", Dcgm, ServerQuantity.GpusThrottled, CombineRule.CountNonIdleBits),
    ];

    /// <summary>Quantities read as the ratio of two series, when no series of <see cref="Series"/> gives them.</summary>
    public static IReadOnlyList<RatioSeries> Ratios { get; } =
    [
        // TGI (backends/v3/src/backend.rs and lib.rs): tokens reserved by the running batch, of max_batch_total_tokens.
        new("tgi_batch_current_max_tokens", "tgi_batch_max_total_tokens", Tgi, ServerQuantity.KvCacheUsage),
    ];

    private static readonly ILookup<string, KnownSeries> ByName = Series.ToLookup(s => s.Name);

    public static KnownSeries? Find(MetricSample sample) => ByName[sample.Name].FirstOrDefault(s => s.Matches(sample));

    /// <summary>The flavours the names of one scrape show, in a fixed order; a vLLM v0 server is named as such.</summary>
    public static IReadOnlyList<string> Detect(IEnumerable<MetricFamily> families)
    {
        var names = families.SelectMany(f => f.Samples).Select(s => s.Name).ToHashSet();
        var found = new List<string>();
        if (names.Contains("vllm:gpu_cache_usage_perc"))
        {
            found.Add(VllmV0);
        }
        else if (names.Any(n => n.StartsWith("vllm:", StringComparison.Ordinal)))
        {
            found.Add(VllmV1);
        }

        AddIf(found, names, "sglang:", Sglang);
        AddIf(found, names, "tgi_", Tgi);
        AddIf(found, names, "llamacpp:", LlamaCpp);
        AddIf(found, names, "DCGM_FI_", Dcgm);
        return found;
    }

    private static void AddIf(List<string> found, HashSet<string> names, string prefix, string flavour)
    {
        if (names.Any(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            found.Add(flavour);
        }
    }
}
