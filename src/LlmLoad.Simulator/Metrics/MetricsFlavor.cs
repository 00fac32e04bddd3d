namespace LlmLoad.Simulator.Metrics;

/// <summary>
/// Whose metric names, types, units and labels the simulator's /metrics writes. The serving state behind them is the
/// same whichever is chosen; only its spelling changes, so a dashboard or scraper built for that server reads it.
/// </summary>
public enum MetricsFlavor
{
    /// <summary>vLLM V1 (vllm/v1/metrics/loggers.py).</summary>
    Vllm,

    /// <summary>SGLang with --enable-metrics (python/sglang/srt/metrics/collector.py).</summary>
    Sglang,

    /// <summary>Hugging Face text-generation-inference's router (router/src/server.rs, backends/v3/src).</summary>
    Tgi,

    /// <summary>llama.cpp's llama-server with --metrics (tools/server/server-task.cpp, to_metrics).</summary>
    LlamaCpp,
}
