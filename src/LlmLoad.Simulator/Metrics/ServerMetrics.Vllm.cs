namespace LlmLoad.Simulator.Metrics;

/// <summary>The vLLM flavour: vLLM V1's names and help texts (vllm/v1/metrics/loggers.py), labelled model_name.</summary>
internal sealed partial class ServerMetrics
{
    private void WriteVllm(ExpositionWriter writer, ServingSnapshot state)
    {
        writer.Family("vllm:num_requests_running", "gauge", "Number of requests in model execution batches.");
        writer.Sample("vllm:num_requests_running", _modelLabel, state.Running);
        writer.Family("vllm:num_requests_waiting", "gauge", "Number of requests waiting to be processed.");
        writer.Sample("vllm:num_requests_waiting", _modelLabel, state.Waiting);
        // A fraction despite "_perc", as in vLLM.
        writer.Family("vllm:kv_cache_usage_perc", "gauge", "KV-cache usage. 1 means 100 percent usage.");
        writer.Sample("vllm:kv_cache_usage_perc", _modelLabel, state.KvCacheUsage);

        // In tokens; hit rate = rate(hits) / rate(queries).
        writer.Family("vllm:prefix_cache_queries_total", "counter", "Prefix cache queries, in terms of number of queried tokens.");
        writer.Sample("vllm:prefix_cache_queries_total", _modelLabel, _prefixCacheQueries.Value);
        writer.Family("vllm:prefix_cache_hits_total", "counter", "Prefix cache hits, in terms of number of cached tokens.");
        writer.Sample("vllm:prefix_cache_hits_total", _modelLabel, _prefixCacheHits.Value);

        // Always 0: the simulator reserves a request's whole KV need at admission, so it never has to preempt (docs/simulator.md).
        writer.Family("vllm:num_preemptions_total", "counter", "Cumulative number of preemption from the engine.");
        writer.Sample("vllm:num_preemptions_total", _modelLabel, 0);
        writer.Family("vllm:prompt_tokens_total", "counter", "Number of prefill tokens processed.");
        writer.Sample("vllm:prompt_tokens_total", _modelLabel, _promptTokens.Value);
        writer.Family("vllm:generation_tokens_total", "counter", "Number of generation tokens processed.");
        writer.Sample("vllm:generation_tokens_total", _modelLabel, _generationTokens.Value);
        writer.Family("vllm:request_success_total", "counter", "Count of successfully processed requests.");
        writer.Sample("vllm:request_success_total", _stopLabels, _finishedStop.Value);
        writer.Sample("vllm:request_success_total", _lengthLabels, _finishedLength.Value);
        writer.Sample("vllm:request_success_total", _abortLabels, _finishedAbort.Value);

        WriteHistogram(writer, "vllm:time_to_first_token_seconds", _modelLabel, "Histogram of time to first token in seconds.", _timeToFirstToken);
        WriteHistogram(writer, "vllm:inter_token_latency_seconds", _modelLabel, "Histogram of inter-token latency in seconds.", _interTokenLatency);
        WriteHistogram(writer, "vllm:e2e_request_latency_seconds", _modelLabel, "Histogram of e2e request latency in seconds.", _e2eLatency);
        WriteHistogram(writer, "vllm:request_queue_time_seconds", _modelLabel, "Histogram of time spent in WAITING phase for request.", _queueTime);
    }
}
