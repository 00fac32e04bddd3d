using LlmLoad.Analysis.Server;
using LlmLoad.Analysis.Slo;
using LlmLoad.Analysis.Watches;
using LlmLoad.Cost;
using LlmLoad.Engine;
using LlmLoad.Providers;
using LlmLoad.Providers.Formats;
using LlmLoad.Providers.Transport;
using LlmLoad.Routing;
using LlmLoad.Telemetry;
using LlmLoad.Workload;

namespace LlmLoad.Options;

/// <summary>A validated run: everything needed to start sending, with every default filled in.</summary>
public sealed record RunOptions
{
    public const string DefaultModel = "llmload-sim";

    /// <summary>The <see cref="ProviderRegistry"/> name of the API spoken.</summary>
    public string Provider { get; init; } = ProviderRegistry.Default.Name;

    /// <summary>Base URL of the API; null runs against the embedded simulator.</summary>
    public Uri? Url { get; init; }

    /// <summary>The embedded simulator's profile (a preset's name or a YAML file); only without <see cref="Url"/>.</summary>
    public string? SimulatorProfile { get; init; }

    public string Model { get; init; } = DefaultModel;

    /// <summary>A URL was given without a model: ask the server which one it serves (<c>GET /models</c>) before the run.</summary>
    internal bool DiscoverModel { get; init; }

    public string ApiKeyEnv { get; init; } = ProviderRegistry.Default.DefaultKeyEnv;

    public bool Stream { get; init; } = true;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>How requests are written and answers read: the provider's format, with its own settings applied.</summary>
    internal IWireFormat Format { get; init; } = new OpenAiChatFormat();

    /// <summary>TLS verification and the HTTP version (<c>--insecure</c>, <c>--http2</c>).</summary>
    internal HttpTransport Transport { get; init; } = HttpTransport.Default;

    /// <summary>Headers added to every request (<c>--header</c>), <c>${VAR}</c> already read from the environment.</summary>
    internal IReadOnlyList<RequestHeader> Headers { get; init; } = [];

    /// <summary>What the requests send: lengths, mix, corpus, shared prefix, sessions.</summary>
    internal WorkloadSpec Workload { get; init; } = new();

    /// <summary>The encoding prompts are counted and built with (<c>--tokenizer</c>, or the model's family).</summary>
    public string Tokenizer { get; init; } = TokenCounter.O200kBase;

    public int Seed { get; init; }

    public string OutDir { get; init; } = "";

    /// <summary>Length of each timeseries.csv window.</summary>
    public TimeSpan TimeSeriesWindow { get; init; } = TimeSpan.FromSeconds(1);

    internal LoadShape Load { get; init; } = new();

    /// <summary>Objectives checked when the run ends (<c>--slo</c>, the scenario's <c>slo:</c> list); one that fails makes the exit code 99.</summary>
    internal IReadOnlyList<ServiceLevelObjective> Slos { get; init; } = [];

    /// <summary>Stops the run early when the measured error rate over a sliding window passes a threshold (<c>--breaker</c>, <c>limits.breaker</c>); null for none.</summary>
    internal BreakerSpec? Breaker { get; init; }

    /// <summary>The run's price, budget cap and cost projection rate; <see cref="CostSettings.None"/> when nothing is priced.</summary>
    internal CostSettings Cost { get; init; } = CostSettings.None;

    /// <summary>Live metrics while the run goes (<c>--prometheus-port</c>, <c>--otlp</c>); null for none.</summary>
    internal LiveExportSettings? LiveExport { get; init; }

    /// <summary>The server <c>/metrics</c> URLs scraped during the run (<c>--server-metrics</c>, <c>--scrape-interval</c>).</summary>
    internal ServerScrapeSettings ServerMetrics { get; init; } = ServerScrapeSettings.Default;

    /// <summary>Which failures are sent again, how often (<c>--retry</c>, <c>--retry-max-attempts</c>); off by default.</summary>
    internal RetrySettings Retry { get; init; } = RetrySettings.Off;

    /// <summary>Several targets, routed by weight with failover, breakers and drilled outages (<c>--target</c>, <c>targets:</c>); null for one target.</summary>
    internal RoutingSettings? Routing { get; init; }

    /// <summary>When to start sending (<c>--start-at</c>, UTC), so that segments on several machines start together; null starts at once.</summary>
    internal DateTimeOffset? StartAt { get; init; }

    /// <summary>The scenario file the run came from, if any.</summary>
    public string? ScenarioPath { get; init; }
}
