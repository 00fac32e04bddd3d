namespace LlmLoad.Simulator.Metrics;

/// <summary>
/// The llama.cpp flavour: llama-server's /metrics (tools/server/server-task.cpp, server_task_result_metrics::to_metrics):
/// unlabelled, counters then gauges, numbers as a C++ ostream prints them. The KV cache gauges kv_cache_usage_ratio and
/// kv_cache_tokens are those of the builds that still wrote them (current builds do not), so the KV column has a source.
/// </summary>
internal sealed partial class ServerMetrics
{
    private void WriteLlamaCpp(ExpositionWriter writer, ServingSnapshot state)
    {
        const string none = "";
        var (promptPerSecond, generationPerSecond) = _rates.Since(_promptTokens.Value, _generationTokens.Value);
        Counter(writer, "llamacpp:prompt_tokens_total", "Number of prompt tokens processed, excluding cached tokens", _promptTokens.Value - _prefixCacheHits.Value);
        Counter(writer, "llamacpp:prompt_tokens_cached_total", "Number of prompt tokens reused from the cache", _prefixCacheHits.Value);
        Counter(writer, "llamacpp:prompt_seconds_total", "Total time spent processing prompts", _prefillSeconds.Value);
        Counter(writer, "llamacpp:tokens_predicted_total", "Number of generation tokens processed", _generationTokens.Value);
        Counter(writer, "llamacpp:tokens_predicted_seconds_total", "Total time spent generating tokens", _decodeSeconds.Value);

        Gauge(writer, "llamacpp:prompt_tokens_seconds", none, "Average prompt throughput in tokens/s", promptPerSecond);
        Gauge(writer, "llamacpp:predicted_tokens_seconds", none, "Average generation throughput in tokens/s", generationPerSecond);
        Gauge(writer, "llamacpp:kv_cache_usage_ratio", none, "KV-cache usage. 1 means 100 percent usage.", state.KvCacheUsage);
        Gauge(writer, "llamacpp:kv_cache_tokens", none, "KV-cache tokens.", state.KvTokensUsed);
        Gauge(writer, "llamacpp:requests_processing", none, "Number of requests processing", state.Running);
        Gauge(writer, "llamacpp:requests_deferred", none, "Number of requests deferred", state.Waiting);
    }

    private static void Counter(ExpositionWriter writer, string name, string help, double value)
    {
        writer.Family(name, "counter", help);
        writer.Sample(name, "", value);
    }
}
