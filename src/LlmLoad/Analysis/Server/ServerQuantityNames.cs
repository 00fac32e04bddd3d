namespace LlmLoad.Analysis.Server;

/// <summary>How each quantity is named in summary.json's <c>server.series</c>, with its unit where it has one.</summary>
internal static class ServerQuantityNames
{
    /// <summary>A counter only grows while the server runs: a drop between two scrapes is a restart.</summary>
    public static bool IsCounter(ServerQuantity quantity) => ToWireName(quantity).EndsWith("_total", StringComparison.Ordinal);

    public static string ToWireName(ServerQuantity quantity) => quantity switch
    {
        ServerQuantity.Running => "running",
        ServerQuantity.Waiting => "waiting",
        ServerQuantity.KvCacheUsage => "kv_cache_usage",
        ServerQuantity.Preemptions => "preemptions_total",
        ServerQuantity.Rejections => "rejected_total",
        ServerQuantity.PrefixCacheQueries => "prefix_cache_queries_total",
        ServerQuantity.PrefixCacheHits => "prefix_cache_hits_total",
        ServerQuantity.PromptTokens => "prompt_tokens_total",
        ServerQuantity.GenerationTokens => "generation_tokens_total",
        ServerQuantity.GpuUtilization => "gpu_util_pct",
        ServerQuantity.GpuMemoryUsed => "gpu_memory_used_mib",
        ServerQuantity.GpuMemoryFree => "gpu_memory_free_mib",
        ServerQuantity.GpuPower => "gpu_power_w",
        ServerQuantity.GpuTemperature => "gpu_temp_c",
        ServerQuantity.GpusThrottled => "gpus_throttled",
        _ => throw new ArgumentOutOfRangeException(nameof(quantity)),
    };
}
