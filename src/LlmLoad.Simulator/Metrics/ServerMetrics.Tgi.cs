namespace LlmLoad.Simulator.Metrics;

/// <summary>
/// The TGI flavour: the router's and the v3 backend's series (router/src/server.rs, router/src/infer/mod.rs,
/// backends/v3/src/{backend,queue,lib}.rs at db931fcf), unlabelled as TGI writes them, counters without a _total suffix
/// and numbers spelled as metrics-exporter-prometheus prints them. TGI has no time-to-first-token histogram.
/// </summary>
internal sealed partial class ServerMetrics
{
    private void WriteTgi(ExpositionWriter writer, ServingSnapshot state)
    {
        const string none = "";
        Gauge(writer, "tgi_queue_size", none, "Current queue size", state.Waiting);
        Gauge(writer, "tgi_batch_current_size", none, "Current batch size", state.Running);
        // Tokens the running batch has reserved, and the budget they come from (max_batch_total_tokens, set at warm-up):
        // TGI's KV cache, in tokens. The budget is written only when the profile bounds the cache.
        Gauge(writer, "tgi_batch_current_max_tokens", none, "Maximum tokens for the current batch", state.KvTokensUsed);
        if (state.KvTokensTotal is { } total)
        {
            // Described under another name (tgi_batch_total_tokens) in server.rs, so TGI writes it without HELP.
            writer.Family("tgi_batch_max_total_tokens", "gauge", null);
            writer.Sample("tgi_batch_max_total_tokens", none, total);
        }

        writer.Family("tgi_request_count", "counter", "Total number of requests");
        writer.Sample("tgi_request_count", none, Succeeded + _finishedAbort.Value + _refusedQueueFull.Value);
        writer.Family("tgi_request_success", "counter", "Number of successful requests");
        writer.Sample("tgi_request_success", none, Succeeded);
        // Never described in TGI, so no HELP. TGI answers 429 "Model is overloaded" when max_concurrent_requests are in flight and counts it here.
        writer.Family("tgi_request_failure", "counter", null);
        writer.Sample("tgi_request_failure", ExpositionWriter.Label("err", "overloaded"), _refusedQueueFull.Value);

        WriteHistogram(writer, "tgi_request_duration", none, "Request duration", _e2eLatency);
        WriteHistogram(writer, "tgi_request_queue_duration", none, "Request queue duration", _queueTime);
        WriteHistogram(writer, "tgi_request_inference_duration", none, "Request inference duration", _inferenceTime);
        WriteHistogram(writer, "tgi_request_mean_time_per_token_duration", none, "Mean time per token per request", _meanTimePerToken);
    }
}
