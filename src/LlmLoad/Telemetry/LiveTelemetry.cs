using System.Net;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace LlmLoad.Telemetry;

/// <summary>
/// A command's live metrics while it runs (one run, or every step of find-limit): the instruments, served for
/// a Prometheus scrape and/or pushed over OTLP by the OpenTelemetry SDK. Disposing pushes the last values and
/// closes the endpoint.
/// </summary>
internal sealed class LiveTelemetry : IDisposable
{
    private static readonly TimeSpan FinalPushTimeout = TimeSpan.FromSeconds(5);

    private readonly MeterProvider _provider;

    private LiveTelemetry(RunMetrics metrics, MeterProvider provider)
    {
        Metrics = metrics;
        _provider = provider;
    }

    public RunMetrics Metrics { get; }

    /// <summary>Starts the exporters; a port that cannot be bound throws <see cref="LiveExportException"/> saying which and why.</summary>
    public static LiveTelemetry Start(LiveExportSettings settings)
    {
        var metrics = new RunMetrics();
        var builder = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(resource => resource.AddService("llmload", serviceVersion: typeof(LiveTelemetry).Assembly.GetName().Version?.ToString(3)))
            .AddMeter(metrics.Name);
        if (settings.PrometheusPort is not null)
        {
            builder.AddPrometheusHttpListener(listener =>
            {
                listener.Host = settings.ListenerHost;
                listener.Port = settings.PrometheusPort.Value;
                listener.ScrapeEndpointPath = "/metrics";
            });
        }

        if (settings.Otlp is { } endpoint)
        {
            builder.AddOtlpExporter((exporter, reader) =>
            {
                exporter.Protocol = settings.OtlpProtocol == OtlpProtocol.Grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
                exporter.Endpoint = CollectorUrl(endpoint, settings.OtlpProtocol);
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)settings.OtlpInterval.TotalMilliseconds;
                reader.TemporalityPreference = MetricReaderTemporalityPreference.Cumulative;
            });
        }

        try
        {
            return new LiveTelemetry(metrics, builder.Build());
        }
        catch (InvalidOperationException ex) when (ex.InnerException is HttpListenerException listener)
        {
            // The exporter wraps the listener's own error, which says why (the address already in use, no permission).
            metrics.Dispose();
            throw new LiveExportException($"--prometheus-port {settings.PrometheusPort}: cannot listen on {settings.PrometheusUrl} ({listener.Message}); pick a free port or stop what holds it");
        }
    }

    /// <summary>
    /// Where the SDK posts: over HTTP it takes the endpoint as the full URL, so a collector's base URL
    /// (http://host:4318, as the OTLP specification writes it) gets the metrics path.
    /// </summary>
    internal static Uri CollectorUrl(Uri endpoint, OtlpProtocol protocol)
        => protocol == OtlpProtocol.HttpProtobuf && endpoint.AbsolutePath is "/" or ""
            ? new Uri(endpoint, "v1/metrics")
            : endpoint;

    public void Dispose()
    {
        _provider.ForceFlush((int)FinalPushTimeout.TotalMilliseconds);
        _provider.Dispose();
        Metrics.Dispose();
    }
}
