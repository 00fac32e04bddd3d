using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.Metrics;

/// <summary>Serving the metrics: GET /metrics in the Prometheus text format.</summary>
internal sealed partial class ServerMetrics
{
    public Task WriteAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = Render();
        context.Response.ContentType = ExpositionWriter.ContentType;
        return context.Response.WriteAsync(text, context.RequestAborted);
    }

    /// <summary>The exposition text; families in the order vLLM writes them.</summary>
    internal string Render()
    {
        var state = _readState();
        var writer = new ExpositionWriter();

        // Help texts are vLLM's, so the output reads the same as a real server's.
        writer.Family("vllm:num_requests_running", "gauge", "Number of requests in model execution batches.");
        writer.Sample("vllm:num_requests_running", _modelLabel, state.Running);
        writer.Family("vllm:num_requests_waiting", "gauge", "Number of requests waiting to be processed.");
        writer.Sample("vllm:num_requests_waiting", _modelLabel, state.Waiting);
        // A fraction despite "_perc", as in vLLM.
        writer.Family("vllm:kv_cache_usage_perc", "gauge", "KV-cache usage. 1 means 100 percent usage.");
        writer.Sample("vllm:kv_cache_usage_perc", _modelLabel, state.KvCacheUsage);

        // In tokens; hit rate = rate(hits) / rate(queries). Help texts are vLLM's (v1/metrics/loggers.py).
        writer.Family("vllm:prefix_cache_queries_total", "counter", "Prefix cache queries, in terms of number of queried tokens.");
        writer.Sample("vllm:prefix_cache_queries_total", _modelLabel, _prefixCacheQueries.Value);
        writer.Family("vllm:prefix_cache_hits_total", "counter", "Prefix cache hits, in terms of number of cached tokens.");
        writer.Sample("vllm:prefix_cache_hits_total", _modelLabel, _prefixCacheHits.Value);

        writer.Family("vllm:prompt_tokens_total", "counter", "Number of prefill tokens processed.");
        writer.Sample("vllm:prompt_tokens_total", _modelLabel, _promptTokens.Value);
        writer.Family("vllm:generation_tokens_total", "counter", "Number of generation tokens processed.");
        writer.Sample("vllm:generation_tokens_total", _modelLabel, _generationTokens.Value);
        writer.Family("vllm:request_success_total", "counter", "Count of successfully processed requests.");
        writer.Sample("vllm:request_success_total", _stopLabels, _finishedStop.Value);
        writer.Sample("vllm:request_success_total", _lengthLabels, _finishedLength.Value);
        writer.Sample("vllm:request_success_total", _abortLabels, _finishedAbort.Value);

        WriteHistogram(writer, "vllm:time_to_first_token_seconds", "Histogram of time to first token in seconds.", _timeToFirstToken);
        WriteHistogram(writer, "vllm:inter_token_latency_seconds", "Histogram of inter-token latency in seconds.", _interTokenLatency);
        WriteHistogram(writer, "vllm:e2e_request_latency_seconds", "Histogram of e2e request latency in seconds.", _e2eLatency);
        WriteHistogram(writer, "vllm:request_queue_time_seconds", "Histogram of time spent in WAITING phase for request.", _queueTime);
        WriteHistogram(
            writer,
            "llmload_simulator_send_lag_seconds",
            "How late each streamed token was handed to the connection (after the flush into the server's output pipe, before the socket send) versus its planned time; high values mean the simulator, not the scenario, shaped the timings.",
            _sendLag);
        _gpu?.Write(writer, state);
        return writer.ToString();
    }

    private void WriteHistogram(ExpositionWriter writer, string name, string help, HistogramSeries series)
    {
        writer.Family(name, "histogram", help);
        writer.Histogram(name, _modelLabel, series);
    }
}
