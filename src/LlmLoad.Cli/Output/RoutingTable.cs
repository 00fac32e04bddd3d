using System.Globalization;
using LlmLoad.Analysis;
using LlmLoad.Reporting;
using Spectre.Console;

namespace LlmLoad.Cli.Output;

/// <summary>A routed run on the console: one row per target, then one paragraph per drilled outage (docs/failover.md).</summary>
internal static class RoutingTable
{
    public static void Write(IAnsiConsole console, RunReport report)
    {
        if (report.Options.Routing is { } routing && report.Targets is { } breakdown)
        {
            var table = new Table().Border(TableBorder.Rounded).Title("[bold]targets[/]");
            foreach (var header in new[] { "target", "role", "share", "ok", "failed", "TTFT p95", "E2E p50", "E2E p95", "cost" })
            {
                table.AddColumn(new TableColumn(header).RightAligned());
            }

            var total = routing.Targets.Sum(t => t.Weight);
            foreach (var spec in routing.Targets)
            {
                var stats = breakdown.Targets.GetValueOrDefault(spec.Name);
                var share = stats is null || report.Statistics.Measured == 0 ? 0 : (double)stats.Measured / report.Statistics.Measured;
                var e2e = stats?.Latency(LatencyMetric.E2e);
                table.AddRow(
                    Markup.Escape(spec.Name),
                    spec.Role.ToString().ToLowerInvariant(),
                    $"{Percent(share)} of {Percent(total > 0 ? spec.Weight / total : 0)}",
                    (stats?.Succeeded ?? 0).ToString(CultureInfo.InvariantCulture),
                    stats is { Failed: > 0 } ? $"[red]{stats.Failed}[/]" : "0",
                    Ms(stats?.Latency(LatencyMetric.Ttft)),
                    e2e is { Count: > 0 } ? e2e.P50.ToString("0", CultureInfo.InvariantCulture) : "-",
                    Ms(e2e),
                    report.Options.Cost.Price is null || stats is null ? "-" : stats.Cost.TotalUsd.ToString("0.####", CultureInfo.InvariantCulture));
            }

            console.Write(table);
            console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"failover: {breakdown.FailedOver} measured requests moved to another target");
        }

        foreach (var drill in report.Failover ?? [])
        {
            console.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"[bold]outage drill[/] {drill.Target} ({drill.Kind}) {drill.StartS:0.#}s-{drill.EndS:0.#}s: first request served elsewhere after {S(drill.FirstFailoverS)}, 95% of traffic moved after {S(drill.FailoverTimeS)} (failover time); back on {drill.Target} {S(drill.RecoveryTimeS)} after the window");
            console.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"  shift: {drill.Shift.Requests} requests, {drill.Shift.Errors} errors, E2E p95 {drill.Shift.E2eMs.P95:0} ms; whole outage: {drill.During.Requests} requests, {Percent(drill.During.SuccessShare ?? 0)} succeeded, {drill.During.Errors} errors");
            console.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"  the other targets before -> during: {drill.FallbackBefore.Requests} -> {drill.FallbackDuring.Requests} requests, E2E p95 {drill.FallbackBefore.E2eMs.P95:0} -> {drill.FallbackDuring.E2eMs.P95:0} ms, errors {drill.FallbackBefore.Errors} -> {drill.FallbackDuring.Errors}");
        }
    }

    private static string S(double? seconds) => seconds is { } s ? s.ToString("0.0#", CultureInfo.InvariantCulture) + " s" : "never (in this run)";

    private static string Percent(double share) => share.ToString("0.#%", CultureInfo.InvariantCulture);

    private static string Ms(LatencyStats? stats) => stats is { Count: > 0 } ? stats.P95.ToString("0", CultureInfo.InvariantCulture) : "-";
}
