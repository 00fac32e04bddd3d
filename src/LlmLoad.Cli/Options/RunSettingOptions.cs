using System.CommandLine;
using LlmLoad.Analysis.Watches;
using LlmLoad.Options;
using LlmLoad.Providers;
using LlmLoad.Providers.Formats;
using LlmLoad.Routing;
using LlmLoad.Shared;
using LlmLoad.Telemetry;

namespace LlmLoad.Cli.Options;

/// <summary>
/// The options of the commands that describe a run (run, estimate, find-limit): target, workload, load,
/// objectives and cost, each read into the setting of the same name that a scenario file also sets.
/// Every default in the help comes from the constant the code uses.
/// </summary>
internal static class RunSettingOptions
{
    private static readonly RunOptions Defaults = new();

    /// <summary>Cost options (also the setting keys), for the commands that price requests.</summary>
    public static readonly (string Name, string Description)[] CostOptions =
    [
        ("pricing", "YAML pricing file over the built-in prices (models: NAME: {input, cached_input?, output, source?, as_of?}, USD per 1M tokens; docs/planning.md) (default: built-in only)"),
        ("input-price", "USD per 1M input tokens, instead of the model's listed price; needs --output-price (default: the model's)"),
        ("cached-input-price", "USD per 1M cached input tokens, with --input-price and --output-price (default: the input price)"),
        ("output-price", "USD per 1M output tokens, instead of the model's listed price; needs --input-price (default: the model's)"),
        ("budget-usd", "hard cap on what the run spends, in USD; needs a price (syntax above) (default: none)"),
        ("target-rate", "requests per second to project the cost to, per hour and per 730 h month (default: the run's achieved rate)"),
    ];

    /// <summary>Target, workload and load options: option name (also the setting key) → description with its default.</summary>
    public static readonly (string Name, string Description)[] ValueOptions =
    [
        ("url", "base URL of the API, e.g. http://127.0.0.1:8000/v1 (default: the built-in simulator)"),
        ("provider", $"wire format: {ProviderRegistry.Choices} (default: {ProviderRegistry.Default.Name})"),
        ("simulator", "profile of the built-in simulator when there is no --url: a preset (see llmload simulate --help) or a YAML file; e.g. gpu-server to see queueing, hosted-fast to see rate limits (default: no limits)"),
        ("model", $"model name sent in the request (default with --url: the only model GET {{url}}/models lists, for {string.Join(" and ", ProviderRegistry.All.Where(p => p.ListsModels).Select(p => p.Name))}; with the simulator: {RunOptions.DefaultModel})"),
        ("api-key-env", $"environment variable holding the API key, never printed or written (default: {ProviderRegistry.KeyDefaults})"),
        ("concurrency", $"most requests in flight; alone it means a closed loop of N workers; with --rate, a cap that must be at least rate x mean response time (Little's law: 50 req/s x 5 s = 250) or arrivals are dropped (default: {RunOptionsBuilder.DefaultConcurrency} without --rate, no cap with it)"),
        ("rate", "open loop: arrivals per second on an absolute clock; 'inf' sends all at once (default: closed loop)"),
        ("arrival", "arrival process with --rate or stages in requests per second: poisson, constant or gamma:SHAPE (default: poisson)"),
        ("trace", "replay the arrival times (and lengths, if given) of a trace: JSON Lines {\"timestamp\": MS, \"input_length\": N, \"output_length\": N} (Mooncake) or CSV with a timestamp column (default: none)"),
        ("time-scale", "multiplies every stage duration or trace timestamp, e.g. 0.01 runs a 10m stage in 6s, 0.5 replays a trace twice as fast (default: 1)"),
        ("preconnect", $"connections opened (a HEAD request each) before the clock starts, so the first arrivals wait for no handshake; 0 for none (default: what the first second needs: its arrivals, capped by --concurrency, or the closed loop's users; 1 with --http2; at most {Runs.Preconnect.DefaultMost})"),
        ("requests", $"stop after N measured requests (default: {RunOptionsBuilder.DefaultRequests} when no --duration)"),
        ("duration", "stop sending after D, warm-up included, e.g. 90s, 10m, 1h (default: none)"),
        ("warmup", "N requests or a duration (e.g. 30s) recorded but excluded from statistics (default: 0)"),
        ("input-tokens", $"prompt length in tokens: 512, 512:128 (normal), normal:M:SD[:MIN:MAX], uniform:MIN:MAX, lognormal:M:SD[:MIN:MAX], or empirical (the corpus prompts' own) (default: {Defaults.Workload.Input})"),
        ("output-tokens", $"output length asked for (max tokens), same forms but empirical (default: {Defaults.Workload.Output})"),
        ("corpus", "send real prompts: a .jsonl (prompt or messages), .csv (prompt column), .txt (one per line) or ShareGPT .json file, or 'builtin' (default: synthetic prompts)"),
        ("tools", "send these function tools with every prompt that has none of its own: a JSON file with a list of OpenAI function tools [{\"type\": \"function\", \"function\": {\"name\", \"parameters\"}}] (default: none; a corpus line's own tools win)"),
        ("shared-prefix", "K:P: each request starts with one of K shared system prompts of P tokens, to exercise prompt caching (default: none)"),
        ("session-turns", "make every request a multi-turn session (user action) of this many turns, e.g. 3 or uniform:2:6; each turn resends the conversation so far (default: single requests)"),
        ("think-time", "with --session-turns: the pause between an answer and the next turn, D or D1..D2 (default: 0)"),
        ("tokenizer", "o200k_base or cl100k_base, to count and build prompts (default: by the model's family; see docs/workload.md)"),
        ("timeout", $"per-request timeout, counted as error class timeout (default: {DurationText.Format(Defaults.Timeout)})"),
        ("grace", $"after --duration, Ctrl-C or the breaker, how long requests in flight may finish before they are cancelled (default: {DurationText.Format(Defaults.Load.Grace)})"),
        ("breaker", $"stop early, like Ctrl-C, when the measured error rate over a sliding window passes a share: {BreakerSpecParser.Expected} (window defaults to {DurationText.Format(BreakerSpec.DefaultWindow)}, min to {BreakerSpec.DefaultMinRequests} completed requests); exit 3, stopped_by: breaker (default: none)"),
        ("retry", $"send a failed request again, as a client library would: {RetrySettings.Expected}; waits what the server asks (retry-after-ms, retry-after, reset headers), else 0.5 s x 2^n up to 8 s with seeded jitter; never retries quota, billing or context-length errors; every attempt is recorded and passes the budget (default: off, a load test sees the raw behaviour)"),
        ("retry-max-attempts", $"with --retry: attempts per request, the first included (default: {RetrySettings.DefaultMaxAttempts})"),
        ("failover-on", $"with --target: the error classes that move a request to a fallback, comma-separated, or none (default: {string.Join(",", RoutingSettings.DefaultFailoverOn.Select(e => e.ToWireName()))})"),
        ("target-breaker", $"with --target: each target's circuit breaker (Polly): {TargetBreakerSettings.Form} opens it when that share of its requests failed over the window (once min completed), sends nothing there for the break, then probes (default: {TargetBreakerSettings.Form})"),
        ("seed", "makes prompts and arrival times reproducible (default: random, written to summary.json)"),
        ("out", "results directory (default: ./llmload-results/<UTC timestamp>)"),
        ("scrape-interval", $"how often --server-metrics are scraped, at least 100ms; each scrape may take as long, on its own connection, so a slow exporter never delays requests (default: {DurationText.Format(Analysis.Server.ServerScrapeSettings.DefaultInterval)})"),
        ("window", $"length of each timeseries.csv row, at least {DurationText.Format(RunOptionsBuilder.MinimumWindow)}, e.g. 500ms, 10s (default: {DurationText.Format(Defaults.TimeSeriesWindow)})"),
        ("max-tokens-field", $"request field for the output cap: {string.Join(" or ", OpenAiChatFormat.MaxTokensFields)} (default: {OpenAiChatFormat.DefaultMaxTokensField})"),
        ("api-version", $"with --provider azure: the api-version of the deployments API, e.g. 2025-04-01-preview; a URL ending in /openai/v1 takes none (default: {AzureOpenAiFormat.DefaultApiVersion})"),
        ("thinking-budget", $"with --provider anthropic: turn on extended thinking with this budget_tokens, at least {AnthropicMessagesFormat.MinThinkingBudget} and below the output cap, so thinking streams and TTFO is measured apart (default: off)"),
        ("include-thoughts", "with --provider gemini: true asks for thought parts (thinkingConfig.includeThoughts), so thinking streams and TTFO is measured apart (default: false)"),
        ("reasoning-summary", $"with --provider openai-responses: ask for a reasoning summary ({string.Join(", ", OpenAiResponsesFormat.ReasoningSummaries)}), streamed as reasoning, so TTFO is measured apart (default: none)"),
        ("batch-size", $"with --provider openai-embeddings: inputs per request, each a prompt of --input-tokens drawn from the workload, 1 to {OpenAiEmbeddingsFormat.MaxBatchSize} (default: 1)"),
        ("dimensions", "with --provider openai-embeddings: the length of the vectors asked for (text-embedding-3 models) (default: the model's own)"),
        ("encoding-format", $"with --provider openai-embeddings: how vectors come back, {string.Join(" or ", OpenAiEmbeddingsFormat.EncodingFormats)} (float32 bytes, a quarter of the size) (default: {OpenAiEmbeddingsFormat.EncodingFormats[0]})"),
        ("auth", $"with --provider azure: how the key variable's value is sent: {AzureOpenAiFormat.AuthNames[0]} (the api-key header) or {AzureOpenAiFormat.AuthNames[1]} (a Microsoft Entra ID token, Authorization: Bearer) (default: {AzureOpenAiFormat.AuthNames[0]})"),
    ];

    /// <summary>
    /// Adds --stream/--no-stream, --slo, --mix, --skip-bad-lines and every <see cref="ValueOptions"/> entry not in
    /// <paramref name="except"/>; the binder returned reads the ones given back as settings.
    /// </summary>
    public static SettingOptions Add(Command command, string sloDescription, params string[] except) => new SettingOptions(command)
        .StreamSwitches()
        .List("slo", sloDescription)
        .List("mix", "a category of the request mix, 'NAME WEIGHT input LENGTH output LENGTH', e.g. 'long_in_short_out 20% input 3000:800 output 150'; repeatable; replaces the scenario's mix: list (default: no categories)")
        .List("header", "an extra request header, 'Name: value', e.g. 'X-Tenant: acme'; ${VAR} in the value reads an environment variable, for secrets; values are never printed; repeatable; replaces the scenario's target.headers (default: none)")
        .List("server-metrics", "a Prometheus /metrics URL to scrape during the run (vLLM, SGLang, TGI, llama.cpp, NVIDIA DCGM exporter; docs/server-metrics.md), e.g. http://10.0.0.5:8000/metrics; repeatable; 'off' scrapes nothing; replaces the scenario's server_metrics: list (default: a loopback target's own /metrics when it answers with names llmload knows)")
        .List("target", $"one of several targets, routed as an application would: {TargetSpecText.Form}; no URL starts a built-in simulator for it; weights split the traffic (seeded); a request failing on a primary moves to a fallback; repeatable; replaces the scenario's targets: list (default: one target, --url; docs/failover.md)")
        .List("outage", $"with --target: drill an outage, {OutageSpec.Form}: on a simulator target through its /admin/faults, on any other injected by llmload (requests fail without being sent); repeatable (default: none)")
        .Switch("insecure", "accept any TLS certificate, for a self-signed test endpoint; never against a production API, the key could be read on the way (default: certificates verified)")
        .Switch("http2", "ask for HTTP/2: negotiated over https (a server without it answers in HTTP/1.1), with prior knowledge (h2c) over http; requests.jsonl's http_version says what was used (default: HTTP/1.1)")
        .Switch("skip-bad-lines", "skip malformed corpus lines, counting and reporting them, instead of refusing the corpus (default: off)")
        .Values(ValueOptions.Where(o => !except.Contains(o.Name)));

    /// <summary>--stage, repeatable, under the setting key <c>stage</c> (a scenario's <c>stages:</c> list).</summary>
    /// <param name="syntax">Where the help finds the stage syntax: "above" in run's own help, else "in llmload run --help".</param>
    public static SettingOptions Stages(this SettingOptions options, string syntax)
        => options.List("stage", $"a stage of the load profile (syntax {syntax}), e.g. 'ramp 1/s to 20/s over 10m'; repeatable, run in order; replaces the scenario's stages: list (default: a constant --rate or --concurrency)");

    public static SettingOptions Cost(this SettingOptions options) => options.Values(CostOptions);

    /// <summary>Live metrics options (also the setting keys), for the commands that send load.</summary>
    public static readonly (string Name, string Description)[] ExportOptions =
    [
        ("prometheus-port", "serve the run's live metrics for a Prometheus scrape at http://HOST:PORT/metrics while it runs (GenAI semantic-convention names; docs/live-metrics.md) (default: none)"),
        ("prometheus-host", $"the address the scrape endpoint binds; 0.0.0.0 opens it to the network (default: {LiveExportSettings.DefaultPrometheusHost})"),
        ("prometheus-linger", "after the run, keep serving its final figures this long (Ctrl-C ends it early), so the next scrape sees the totals, e.g. 30s (default: 0s, the endpoint closes with the run)"),
        ("otlp", "push the same metrics to an OpenTelemetry collector at this URL, e.g. http://127.0.0.1:4318; auth headers go in OTEL_EXPORTER_OTLP_HEADERS, never in the URL (default: none)"),
        ("otlp-protocol", $"{string.Join(" or ", LiveExportSettingsBuilder.OtlpProtocols)} (default: {LiveExportSettingsBuilder.OtlpProtocols[0]})"),
        ("otlp-interval", $"how often metrics are pushed (default: {DurationText.Format(LiveExportSettings.DefaultOtlpInterval)})"),
    ];

    public static SettingOptions Export(this SettingOptions options) => options.Values(ExportOptions);

    /// <summary>Reads the scenario file and the flags into validated options, or null with every problem in <paramref name="errors"/>.</summary>
    public static RunOptions? Build(string? scenarioPath, ScenarioSettings flags, List<string> errors)
        => RunOptionsBuilder.FromScenario(scenarioPath, flags, errors, () => DateTimeOffset.UtcNow);
}
