using System.Diagnostics.CodeAnalysis;
using LlmLoad.Options;
using LlmLoad.Telemetry;

namespace LlmLoad.Cli;

/// <summary>Starts a command's live metrics (<c>--prometheus-port</c>, <c>--otlp</c>) before its first request and says where they are.</summary>
internal static class LiveExport
{
    /// <returns>False with the reason when a port cannot be bound; true with null when no live export was asked for.</returns>
    public static bool TryStart(RunOptions options, out LiveTelemetry? live, [NotNullWhen(false)] out string? error)
    {
        (live, error) = (null, null);
        if (options.LiveExport is not { } settings)
        {
            return true;
        }

        try
        {
            live = LiveTelemetry.Start(settings);
            return true;
        }
        catch (LiveExportException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    /// <summary>After the results are written: serves the final figures for <c>--prometheus-linger</c>, until Ctrl-C.</summary>
    public static async Task LingerAsync(RunOptions options, TextWriter output, CancellationToken interrupt)
    {
        if (options.LiveExport is not { PrometheusUrl: { } scrape, PrometheusLinger: var linger } || linger <= TimeSpan.Zero)
        {
            return;
        }

        output.WriteLine($"serving the final metrics at {scrape} for {LlmLoad.Shared.DurationText.Format(linger)} (Ctrl-C ends it)");
        try
        {
            await Task.Delay(linger, interrupt);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C: the results are already written; stop serving.
        }
    }

    /// <summary>Where the metrics are served or pushed: the collector by scheme, host and port only, never its path or query.</summary>
    public static void Describe(RunOptions options, TextWriter output)
    {
        if (options.LiveExport is not { } settings)
        {
            return;
        }

        if (settings.PrometheusUrl is { } scrape)
        {
            output.WriteLine($"live metrics for Prometheus: {scrape}");
        }

        if (settings.Otlp is { } collector)
        {
            output.WriteLine($"live metrics pushed over OTLP ({LiveExportSettingsBuilder.OtlpProtocols[(int)settings.OtlpProtocol]}) to {collector.GetLeftPart(UriPartial.Authority)} every {LlmLoad.Shared.DurationText.Format(settings.OtlpInterval)}");
        }
    }
}
