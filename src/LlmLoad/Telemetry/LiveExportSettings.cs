namespace LlmLoad.Telemetry;

/// <summary>
/// Where a run's live metrics go while it runs: a Prometheus scrape endpoint (<c>--prometheus-port</c>),
/// an OpenTelemetry collector (<c>--otlp</c>), or both. Null in <see cref="LlmLoad.Options.RunOptions"/> when neither is asked for.
/// </summary>
/// <param name="PrometheusPort">The port the scrape endpoint listens on; null for none.</param>
/// <param name="PrometheusHost">The address it binds: loopback unless the user opens it on purpose.</param>
/// <param name="Otlp">The collector's endpoint; null for none.</param>
/// <param name="PrometheusLinger">How long the endpoint keeps serving the final figures after the run, so the next scrape sees them.</param>
internal sealed record LiveExportSettings(int? PrometheusPort, string PrometheusHost, TimeSpan PrometheusLinger, Uri? Otlp, OtlpProtocol OtlpProtocol, TimeSpan OtlpInterval)
{
    public const string DefaultPrometheusHost = "127.0.0.1";

    public static readonly TimeSpan DefaultOtlpInterval = TimeSpan.FromSeconds(5);

    /// <summary>The scrape URL, for the console; null without a Prometheus port.</summary>
    public string? PrometheusUrl => PrometheusPort is { } port ? $"http://{HostInUrl}:{port}/metrics" : null;

    private string HostInUrl => PrometheusHost.Contains(':', StringComparison.Ordinal) ? $"[{PrometheusHost}]" : PrometheusHost;

    /// <summary>The host the listener binds, in HttpListener's syntax: <c>*</c> for every address.</summary>
    internal string ListenerHost => PrometheusHost is "0.0.0.0" or "::" ? "*" : HostInUrl;
}
