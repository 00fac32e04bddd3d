namespace LlmLoad.Simulator.Metrics;

/// <summary>
/// The SGLang flavour (python/sglang/srt/metrics/collector.py, commit 00ae9c15): the scheduler's gauges and queue time
/// labelled as a single-GPU scheduler labels them (model_name, engine_type, tp_rank, pp_rank, moe_ep_rank), the tokenizer's
/// counters and latency histograms labelled model_name; help texts are SGLang's.
/// </summary>
internal sealed partial class ServerMetrics
{
    private string SglangSchedulerLabels => string.Join(',',
        _modelLabel,
        ExpositionWriter.Label("engine_type", "unified"),
        ExpositionWriter.Label("tp_rank", "0"),
        ExpositionWriter.Label("pp_rank", "0"),
        ExpositionWriter.Label("moe_ep_rank", "0"));

    private void WriteSglang(ExpositionWriter writer, ServingSnapshot state)
    {
        var scheduler = SglangSchedulerLabels;
        var (_, generationPerSecond) = _rates.Since(_promptTokens.Value, _generationTokens.Value);
        Gauge(writer, "sglang:num_running_reqs", scheduler, "The number of running requests.", state.Running);
        Gauge(writer, "sglang:num_used_tokens", scheduler, "The number of used tokens.", state.KvTokensUsed);
        // The KV pool's used fraction, 0 to 1.
        Gauge(writer, "sglang:token_usage", scheduler, "The token usage.", state.KvCacheUsage);
        Gauge(writer, "sglang:gen_throughput", scheduler, "The generation throughput (token/s).", generationPerSecond);
        Gauge(writer, "sglang:num_queue_reqs", scheduler, "The number of requests in the waiting queue.", state.Waiting);
        var queries = _prefixCacheQueries.Value;
        Gauge(writer, "sglang:cache_hit_rate", scheduler, "The prefix cache hit rate.", queries > 0 ? (double)_prefixCacheHits.Value / queries : 0);
        if (state.KvTokensTotal is { } total)
        {
            Gauge(writer, "sglang:max_total_num_tokens", scheduler, "Maximum total number of tokens in the KV cache pool.", total);
        }

        // Always 0: the simulator reserves a request's whole KV need at admission, so it never retracts one (docs/simulator.md).
        Gauge(writer, "sglang:num_retracted_reqs", scheduler, "The number of retracted requests.", 0);
        writer.Family("sglang:num_retracted_requests_total", "counter", "Total number of retracted requests.");
        writer.Sample("sglang:num_retracted_requests_total", scheduler, 0);
        WriteHistogram(writer, "sglang:queue_time_seconds", scheduler, "Histogram of queueing time in seconds.", _queueTime);

        writer.Family("sglang:prompt_tokens_total", "counter", "Number of prefill tokens processed.");
        writer.Sample("sglang:prompt_tokens_total", _modelLabel, _promptTokens.Value);
        writer.Family("sglang:generation_tokens_total", "counter", "Number of generation tokens processed.");
        writer.Sample("sglang:generation_tokens_total", _modelLabel, _generationTokens.Value);
        writer.Family("sglang:cached_tokens_total", "counter", "Number of cached prompt tokens.");
        writer.Sample("sglang:cached_tokens_total", _modelLabel, _prefixCacheHits.Value);
        writer.Family("sglang:num_requests_total", "counter", "Number of requests processed.");
        writer.Sample("sglang:num_requests_total", _modelLabel, Succeeded);
        writer.Family("sglang:num_aborted_requests_total", "counter", "Number of requests aborted.");
        writer.Sample("sglang:num_aborted_requests_total", _modelLabel, _finishedAbort.Value);
        WriteHistogram(writer, "sglang:time_to_first_token_seconds", _modelLabel, "Histogram of time to first token in seconds.", _timeToFirstToken);
        WriteHistogram(writer, "sglang:inter_token_latency_seconds", _modelLabel, "Histogram of inter-token latency in seconds.", _interTokenLatency);
        WriteHistogram(writer, "sglang:e2e_request_latency_seconds", _modelLabel, "Histogram of End-to-end request latency in seconds", _e2eLatency);
    }

    private static void Gauge(ExpositionWriter writer, string name, string labels, string? help, double value)
    {
        writer.Family(name, "gauge", help);
        writer.Sample(name, labels, value);
    }
}
