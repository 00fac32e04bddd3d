using System.Net;
using LlmLoad.Shared;

namespace LlmLoad.Telemetry;

/// <summary>
/// Reads <c>--prometheus-port</c>, <c>--prometheus-host</c>, <c>--prometheus-linger</c>, <c>--otlp</c>, <c>--otlp-protocol</c> and
/// <c>--otlp-interval</c> (a scenario's <c>export:</c> section) into <see cref="LiveExportSettings"/>.
/// </summary>
internal static class LiveExportSettingsBuilder
{
    public static readonly string[] OtlpProtocols = ["http/protobuf", "grpc"];

    public static LiveExportSettings? Build(ScenarioSettings settings, List<string> errors)
    {
        var port = settings.Read("prometheus-port", ParsePort, errors);
        var host = settings.Read("prometheus-host", ParseHost, errors);
        var linger = settings.Read("prometheus-linger", SettingParsers.Duration, errors);
        var otlp = settings.Read("otlp", ParseEndpoint, errors, echoValue: false);
        var protocol = settings.Read("otlp-protocol", v => SettingParsers.OneOf(v, OtlpProtocols), errors);
        var interval = settings.Read("otlp-interval", SettingParsers.PositiveDuration, errors);
        foreach (var key in new[] { "prometheus-host", "prometheus-linger" })
        {
            if (settings[key] is { } setting && settings["prometheus-port"] is null)
            {
                errors.Add($"{setting.Label}: applies to the scrape endpoint; give --prometheus-port PORT (export.prometheus_port) too");
            }
        }

        foreach (var key in new[] { "otlp-protocol", "otlp-interval" })
        {
            if (settings[key] is { } setting && settings["otlp"] is null)
            {
                errors.Add($"{setting.Label}: applies to pushing metrics to a collector; give --otlp ENDPOINT (export.otlp) too");
            }
        }

        if (port is null && otlp is null)
        {
            return null;
        }

        return new LiveExportSettings(
            port,
            host ?? LiveExportSettings.DefaultPrometheusHost,
            linger ?? TimeSpan.Zero,
            otlp,
            protocol == "grpc" ? OtlpProtocol.Grpc : OtlpProtocol.HttpProtobuf,
            interval ?? LiveExportSettings.DefaultOtlpInterval);
    }

    private static int? ParsePort(string value)
        => SettingParsers.Int(value, 1) is { } port && port <= 65535 ? port : throw new FormatException("expected a TCP port, 1 to 65535");

    private static string ParseHost(string value)
        => value == "localhost" || IPAddress.TryParse(value.Trim('[', ']'), out _)
            ? value.Trim('[', ']')
            : throw new FormatException("expected an IP address to bind, e.g. 127.0.0.1 (the default), ::1, or 0.0.0.0 for every interface");

    /// <summary>A collector's base URL; credentials go in OTEL_EXPORTER_OTLP_HEADERS, never in the URL, which llmload may print.</summary>
    private static Uri ParseEndpoint(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new FormatException("expected the collector's http:// or https:// URL, e.g. http://127.0.0.1:4318");
        }

        if (uri.UserInfo.Length > 0)
        {
            throw new FormatException("a collector URL must not carry credentials; put an auth header in the environment variable OTEL_EXPORTER_OTLP_HEADERS (e.g. Authorization=Bearer ...)");
        }

        return uri;
    }
}
