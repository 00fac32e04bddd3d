using LlmLoad.Shared;

namespace LlmLoad.Scenario;

/// <summary>The sections and fields of a scenario file; see <see cref="SettingsFile"/> for how it is read.</summary>
internal static class ScenarioFile
{
    private static readonly SettingsFile Format = new(
        new Dictionary<string, Dictionary<string, string>>
        {
            ["target"] = new() { ["url"] = "url", ["provider"] = "provider", ["model"] = "model", ["api_key_env"] = "api-key-env", ["stream"] = "stream", ["timeout"] = "timeout", ["max_tokens_field"] = "max-tokens-field", ["api_version"] = "api-version", ["auth"] = "auth", ["simulator"] = "simulator",
                ["insecure"] = "insecure", ["http2"] = "http2", ["dimensions"] = "dimensions", ["encoding_format"] = "encoding-format",
                ["thinking_budget"] = "thinking-budget", ["include_thoughts"] = "include-thoughts", ["reasoning_summary"] = "reasoning-summary" },
            ["target.request"] = new() { ["method"] = "request-method", ["path"] = "request-path", ["body"] = "request-body" },
            ["target.response"] = new()
            {
                ["framing"] = "response-framing", ["text"] = "response-text", ["reasoning"] = "response-reasoning", ["done"] = "response-done",
                ["input_tokens"] = "response-input-tokens", ["output_tokens"] = "response-output-tokens", ["id"] = "response-id",
                ["finish_reason"] = "response-finish-reason", ["error"] = "response-error",
            },
            ["workload"] = new()
            {
                ["input_tokens"] = "input-tokens", ["output_tokens"] = "output-tokens", ["seed"] = "seed", ["corpus"] = "corpus", ["skip_bad_lines"] = "skip-bad-lines",
                ["shared_prefix"] = "shared-prefix", ["session_turns"] = "session-turns", ["think_time"] = "think-time", ["tokenizer"] = "tokenizer", ["batch_size"] = "batch-size",
                ["tools"] = "tools",
            },
            ["traffic"] = new() { ["concurrency"] = "concurrency", ["rate"] = "rate", ["arrival"] = "arrival", ["trace"] = "trace", ["time_scale"] = "time-scale", ["segment"] = "segment", ["start_at"] = "start-at", ["preconnect"] = "preconnect" },
            ["limits"] = new() { ["requests"] = "requests", ["duration"] = "duration", ["warmup"] = "warmup", ["grace"] = "grace", ["breaker"] = "breaker", ["budget_usd"] = "budget-usd" },
            ["pricing"] = new() { ["file"] = "pricing", ["input"] = "input-price", ["cached_input"] = "cached-input-price", ["output"] = "output-price", ["target_rate"] = "target-rate" },
            ["output"] = new() { ["dir"] = "out", ["window"] = "window", ["scrape_interval"] = "scrape-interval" },
            ["export"] = new() { ["prometheus_port"] = "prometheus-port", ["prometheus_host"] = "prometheus-host", ["prometheus_linger"] = "prometheus-linger", ["otlp"] = "otlp", ["otlp_protocol"] = "otlp-protocol", ["otlp_interval"] = "otlp-interval" },
            ["retry"] = new() { ["on"] = "retry", ["max_attempts"] = "retry-max-attempts" },
            ["failover"] = new() { ["on"] = "failover-on", ["breaker"] = "target-breaker" },
        },
        new Dictionary<string, string> { ["slo"] = "slo", ["stages"] = "stage", ["mix"] = "mix", ["server_metrics"] = "server-metrics", ["targets"] = "target", ["outages"] = "outage" },
        "scenario",
        new Dictionary<string, string> { ["target.headers"] = "header", ["target.request.headers"] = "header" });

    public static ScenarioSettings Load(string path, List<string> errors) => Format.Load(path, errors);
}
