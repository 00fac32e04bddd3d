namespace LlmLoad.Tests.Analysis.Server;

/// <summary>
/// /metrics bodies in the shape each exporter writes, built from the projects' documented metric lists (sources in
/// docs/server-metrics.md): names, types, label sets and number spellings as they appear there; values illustrative.
/// </summary>
internal static class ExporterFixtures
{
    /// <summary>vLLM v0 (vllm/engine/metrics.py): the KV cache is gpu_cache_usage_perc; numbers as Python floats.</summary>
    public const string VllmV0 = """
        # HELP vllm:num_requests_running Number of requests currently running on GPU.
        # TYPE vllm:num_requests_running gauge
        vllm:num_requests_running{model_name="meta-llama/Llama-3.1-8B-Instruct"} 12.0
        # HELP vllm:num_requests_swapped Number of requests swapped to CPU.
        # TYPE vllm:num_requests_swapped gauge
        vllm:num_requests_swapped{model_name="meta-llama/Llama-3.1-8B-Instruct"} 0.0
        # HELP vllm:num_requests_waiting Number of requests waiting to be processed.
        # TYPE vllm:num_requests_waiting gauge
        vllm:num_requests_waiting{model_name="meta-llama/Llama-3.1-8B-Instruct"} 3.0
        # HELP vllm:gpu_cache_usage_perc GPU KV-cache usage. 1 means 100 percent usage.
        # TYPE vllm:gpu_cache_usage_perc gauge
        vllm:gpu_cache_usage_perc{model_name="meta-llama/Llama-3.1-8B-Instruct"} 0.4375
        # HELP vllm:num_preemptions_total Cumulative number of preemption from the engine.
        # TYPE vllm:num_preemptions_total counter
        vllm:num_preemptions_total{model_name="meta-llama/Llama-3.1-8B-Instruct"} 2.0
        # HELP vllm:iteration_tokens_total Histogram of number of tokens per engine_step.
        # TYPE vllm:iteration_tokens_total histogram
        vllm:iteration_tokens_total_sum{model_name="meta-llama/Llama-3.1-8B-Instruct"} 5120.0
        vllm:iteration_tokens_total_bucket{le="1.0",model_name="meta-llama/Llama-3.1-8B-Instruct"} 3.0
        vllm:iteration_tokens_total_bucket{le="8.0",model_name="meta-llama/Llama-3.1-8B-Instruct"} 3.0
        vllm:iteration_tokens_total_bucket{le="512.0",model_name="meta-llama/Llama-3.1-8B-Instruct"} 40.0
        vllm:iteration_tokens_total_bucket{le="+Inf",model_name="meta-llama/Llama-3.1-8B-Instruct"} 41.0
        vllm:iteration_tokens_total_count{model_name="meta-llama/Llama-3.1-8B-Instruct"} 41.0
        # HELP vllm:request_queue_time_seconds Histogram of time spent in WAITING phase for request.
        # TYPE vllm:request_queue_time_seconds histogram
        vllm:request_queue_time_seconds_sum{model_name="meta-llama/Llama-3.1-8B-Instruct"} 6.5
        vllm:request_queue_time_seconds_bucket{le="0.3",model_name="meta-llama/Llama-3.1-8B-Instruct"} 10.0
        vllm:request_queue_time_seconds_bucket{le="0.5",model_name="meta-llama/Llama-3.1-8B-Instruct"} 15.0
        vllm:request_queue_time_seconds_bucket{le="1.0",model_name="meta-llama/Llama-3.1-8B-Instruct"} 20.0
        vllm:request_queue_time_seconds_bucket{le="+Inf",model_name="meta-llama/Llama-3.1-8B-Instruct"} 20.0
        vllm:request_queue_time_seconds_count{model_name="meta-llama/Llama-3.1-8B-Instruct"} 20.0
        """;

    /// <summary>SGLang (docs/references/production_metrics.md; python/sglang/srt/metrics/collector.py): exponent spellings, le first.</summary>
    public const string Sglang = """
        # HELP sglang:prompt_tokens_total Number of prefill tokens processed.
        # TYPE sglang:prompt_tokens_total counter
        sglang:prompt_tokens_total{model_name="meta-llama/Llama-3.1-8B-Instruct"} 8.128902e+06
        # HELP sglang:generation_tokens_total Number of generation tokens processed.
        # TYPE sglang:generation_tokens_total counter
        sglang:generation_tokens_total{model_name="meta-llama/Llama-3.1-8B-Instruct"} 7.557572e+06
        # HELP sglang:token_usage The token usage
        # TYPE sglang:token_usage gauge
        sglang:token_usage{model_name="meta-llama/Llama-3.1-8B-Instruct"} 0.28
        # HELP sglang:num_running_reqs The number of running requests.
        # TYPE sglang:num_running_reqs gauge
        sglang:num_running_reqs{model_name="meta-llama/Llama-3.1-8B-Instruct",tp_rank="0"} 24.0
        sglang:num_running_reqs{model_name="meta-llama/Llama-3.1-8B-Instruct",tp_rank="1"} 24.0
        # HELP sglang:num_queue_reqs The number of requests in the waiting queue.
        # TYPE sglang:num_queue_reqs gauge
        sglang:num_queue_reqs{model_name="meta-llama/Llama-3.1-8B-Instruct"} 7.0
        # HELP sglang:queue_time_seconds Histogram of queueing time in seconds.
        # TYPE sglang:queue_time_seconds histogram
        sglang:queue_time_seconds_sum{model_name="meta-llama/Llama-3.1-8B-Instruct"} 2.5
        sglang:queue_time_seconds_bucket{le="0.1",model_name="meta-llama/Llama-3.1-8B-Instruct"} 5.0
        sglang:queue_time_seconds_bucket{le="1.0",model_name="meta-llama/Llama-3.1-8B-Instruct"} 9.0
        sglang:queue_time_seconds_bucket{le="+Inf",model_name="meta-llama/Llama-3.1-8B-Instruct"} 10.0
        sglang:queue_time_seconds_count{model_name="meta-llama/Llama-3.1-8B-Instruct"} 10.0
        # HELP sglang:num_retracted_requests_total Total number of retracted requests.
        # TYPE sglang:num_retracted_requests_total counter
        sglang:num_retracted_requests_total{model_name="meta-llama/Llama-3.1-8B-Instruct",engine_type="unified",tp_rank="0",pp_rank="0",moe_ep_rank="0"} 4.0
        """;

    /// <summary>
    /// TGI (huggingface.co/docs/text-generation-inference/reference/metrics; tgi_batch_max_total_tokens and tgi_request_failure's
    /// err label from backends/v3/src/lib.rs and router/src/infer/mod.rs), written by Rust's metrics-exporter-prometheus:
    /// integers without ".0", no HELP for the undescribed series.
    /// </summary>
    public const string Tgi = """
        # TYPE tgi_batch_current_size gauge
        tgi_batch_current_size 16
        # TYPE tgi_queue_size gauge
        tgi_queue_size 5
        # HELP tgi_batch_current_max_tokens Maximum tokens for the current batch
        # TYPE tgi_batch_current_max_tokens gauge
        tgi_batch_current_max_tokens 40000
        # TYPE tgi_batch_max_total_tokens gauge
        tgi_batch_max_total_tokens 160000
        # TYPE tgi_request_count counter
        tgi_request_count 1200
        # TYPE tgi_request_failure counter
        tgi_request_failure{err="overloaded"} 3
        tgi_request_failure{err="validation"} 9
        # TYPE tgi_request_queue_duration histogram
        tgi_request_queue_duration_bucket{le="0.005"} 100
        tgi_request_queue_duration_bucket{le="0.5"} 900
        tgi_request_queue_duration_bucket{le="5"} 1190
        tgi_request_queue_duration_bucket{le="+Inf"} 1200
        tgi_request_queue_duration_sum 210.5
        tgi_request_queue_duration_count 1200
        # TYPE tgi_request_duration summary
        tgi_request_duration{quantile="0.5"} 1.25
        tgi_request_duration{quantile="0.99"} 4.5
        tgi_request_duration_sum 1800
        tgi_request_duration_count 1200
        """;

    /// <summary>llama.cpp server with --metrics (tools/server/README.md, "GET /metrics"): no labels.</summary>
    public const string LlamaCpp = """
        # HELP llamacpp:prompt_tokens_total Number of prompt tokens processed.
        # TYPE llamacpp:prompt_tokens_total counter
        llamacpp:prompt_tokens_total 6886
        # HELP llamacpp:tokens_predicted_total Number of generation tokens processed.
        # TYPE llamacpp:tokens_predicted_total counter
        llamacpp:tokens_predicted_total 3469
        # HELP llamacpp:kv_cache_usage_ratio KV-cache usage. 1 means 100 percent usage.
        # TYPE llamacpp:kv_cache_usage_ratio gauge
        llamacpp:kv_cache_usage_ratio 0.63
        # HELP llamacpp:requests_processing Number of requests processing.
        # TYPE llamacpp:requests_processing gauge
        llamacpp:requests_processing 2
        # HELP llamacpp:requests_deferred Number of requests deferred.
        # TYPE llamacpp:requests_deferred gauge
        llamacpp:requests_deferred 1
        """;

    /// <summary>NVIDIA dcgm-exporter (etc/default-counters.csv plus the throttle reasons): one series per GPU.</summary>
    public const string Dcgm = """
        # HELP DCGM_FI_DEV_GPU_UTIL GPU utilization (in %).
        # TYPE DCGM_FI_DEV_GPU_UTIL gauge
        DCGM_FI_DEV_GPU_UTIL{gpu="0",UUID="GPU-6a2b",pci_bus_id="00000000:07:00.0",device="nvidia0",modelName="NVIDIA A100-SXM4-80GB",Hostname="node-1"} 90
        DCGM_FI_DEV_GPU_UTIL{gpu="1",UUID="GPU-7c3d",pci_bus_id="00000000:0F:00.0",device="nvidia1",modelName="NVIDIA A100-SXM4-80GB",Hostname="node-1"} 70
        # HELP DCGM_FI_DEV_FB_USED Framebuffer memory used (in MiB).
        # TYPE DCGM_FI_DEV_FB_USED gauge
        DCGM_FI_DEV_FB_USED{gpu="0",UUID="GPU-6a2b",pci_bus_id="00000000:07:00.0",device="nvidia0",modelName="NVIDIA A100-SXM4-80GB",Hostname="node-1"} 70000
        DCGM_FI_DEV_FB_USED{gpu="1",UUID="GPU-7c3d",pci_bus_id="00000000:0F:00.0",device="nvidia1",modelName="NVIDIA A100-SXM4-80GB",Hostname="node-1"} 60000
        # HELP DCGM_FI_DEV_FB_FREE Framebuffer memory free (in MiB).
        # TYPE DCGM_FI_DEV_FB_FREE gauge
        DCGM_FI_DEV_FB_FREE{gpu="0",UUID="GPU-6a2b",pci_bus_id="00000000:07:00.0",device="nvidia0",modelName="NVIDIA A100-SXM4-80GB",Hostname="node-1"} 11000
        # HELP DCGM_FI_DEV_POWER_USAGE Power draw (in W).
        # TYPE DCGM_FI_DEV_POWER_USAGE gauge
        DCGM_FI_DEV_POWER_USAGE{gpu="0",UUID="GPU-6a2b",pci_bus_id="00000000:07:00.0",device="nvidia0",modelName="NVIDIA A100-SXM4-80GB",Hostname="node-1"} 312.5
        DCGM_FI_DEV_POWER_USAGE{gpu="1",UUID="GPU-7c3d",pci_bus_id="00000000:0F:00.0",device="nvidia1",modelName="NVIDIA A100-SXM4-80GB",Hostname="node-1"} 287.5
        # HELP DCGM_FI_DEV_GPU_TEMP GPU temperature (in C).
        # TYPE DCGM_FI_DEV_GPU_TEMP gauge
        DCGM_FI_DEV_GPU_TEMP{gpu="0",UUID="GPU-6a2b",pci_bus_id="00000000:07:00.0",device="nvidia0",modelName="NVIDIA A100-SXM4-80GB",Hostname="node-1"} 71
        DCGM_FI_DEV_GPU_TEMP{gpu="1",UUID="GPU-7c3d",pci_bus_id="00000000:0F:00.0",device="nvidia1",modelName="NVIDIA A100-SXM4-80GB",Hostname="node-1"} 64
        # HELP DCGM_FI_DEV_CLOCK_THROTTLE_REASONS Current clock throttle reasons.
        # TYPE DCGM_FI_DEV_CLOCK_THROTTLE_REASONS gauge
        DCGM_FI_DEV_CLOCK_THROTTLE_REASONS{gpu="0",UUID="GPU-6a2b",pci_bus_id="00000000:07:00.0",device="nvidia0",modelName="NVIDIA A100-SXM4-80GB",Hostname="node-1"} 1
        DCGM_FI_DEV_CLOCK_THROTTLE_REASONS{gpu="1",UUID="GPU-7c3d",pci_bus_id="00000000:0F:00.0",device="nvidia1",modelName="NVIDIA A100-SXM4-80GB",Hostname="node-1"} 4
        """;

    /// <summary>What the format allows and exporters rarely write: escapes, special values, timestamps, comments, untyped, summary, odd spacing.</summary>
    public const string EdgeCases = "# A comment that is neither HELP nor TYPE\n"
        + "# HELP escaped_help A help with a backslash \\\\ and a newline \\n in it.\n"
        + "# TYPE escaped_help gauge\n"
        + "escaped_help{path=\"C:\\\\dir\",quote=\"say \\\"hi\\\"\",nl=\"a\\nb\"} 1\n"
        + "\n"
        + "# TYPE specials gauge\n"
        + "specials{v=\"nan\"} NaN\n"
        + "specials{v=\"pos\"} +Inf\n"
        + "specials{v=\"neg\"} -Inf\n"
        + "specials{v=\"exp\"} -1.5e-3\n"
        + "# TYPE stamped counter\n"
        + "stamped_total 42 1700000000123\n"
        + "# TYPE stamped_total counter\n"
        + "stamped_total{kind=\"x\"} 7 -1000\n"
        + "bare_untyped 3\n"
        + "spaced { a = \"1\" , b=\"2\", } \t 5\n"
        + "# TYPE rpc_seconds summary\n"
        + "rpc_seconds{quantile=\"0.5\"} 0.05\n"
        + "rpc_seconds{quantile=\"0.99\"} 0.5\n"
        + "rpc_seconds_sum 120.5\n"
        + "rpc_seconds_count 1000\n"
        + "# TYPE empty_histogram histogram\n"
        + "empty_histogram_bucket{le=\"+Inf\"} 0\n"
        + "empty_histogram_sum 0\n"
        + "empty_histogram_count 0\n";
}
