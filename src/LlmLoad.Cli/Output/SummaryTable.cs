using System.Globalization;
using LlmLoad.Analysis.Slo;
using LlmLoad.Analysis;
using LlmLoad.Providers;
using LlmLoad.Reporting;
using LlmLoad.Shared;
using Spectre.Console.Rendering;
using Spectre.Console;

namespace LlmLoad.Cli.Output;

/// <summary>The end-of-run summary: counts, latency percentiles, throughput and tokens.</summary>
internal static class SummaryTable
{
    private static readonly (LatencyMetric Metric, string Label)[] Rows =
    [
        (LatencyMetric.Ttft, "TTFT"),
        (LatencyMetric.Ttfo, "TTFO (answer)"),
        (LatencyMetric.Tpot, "TPOT"),
        (LatencyMetric.Itl, "ITL (per token)"),
        (LatencyMetric.ChunkGap, "chunk gap"),
        (LatencyMetric.E2e, "E2E"),
        (LatencyMetric.TtftFromScheduled, "TTFT from schedule"),
        (LatencyMetric.ScheduleLag, "schedule lag"),
    ];

    public static IRenderable Create(RunReport report)
    {
        var stats = report.Statistics;
        var latency = new Table().Border(TableBorder.Rounded).Title("[bold]latency (ms)[/]");
        latency.AddColumn("metric");
        foreach (var column in new[] { "mean", "p50", "p90", "p95", "p99", "max", "n" })
        {
            latency.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (var (metric, label) in Rows)
        {
            if ((metric == LatencyMetric.Ttfo && stats.Reasoned == 0) || !report.LatencyMetrics.Contains(metric))
            {
                continue;
            }

            var s = stats.Latency(metric);
            latency.AddRow(label, F(s.Mean), F(s.P50), F(s.P90), F(s.P95), F(s.P99), F(s.Max), s.Count.ToString(CultureInfo.InvariantCulture));
        }

        var errors = string.Join(", ", ErrorClassNames.All.Where(e => stats.Errors[e] > 0).Select(e => $"{e.ToWireName()} {stats.Errors[e]}"));
        var totals = new Grid().AddColumn().AddColumn();
        totals.AddRow("requests", Invariant($"{stats.Measured} measured, {stats.Succeeded} ok, {stats.Failed} failed, {stats.Warmup} warm-up, {stats.Truncated} truncated, {report.Engine.Dropped} dropped"));
        totals.AddRow("errors", errors.Length == 0 ? "none" : Markup.Escape(errors));
        totals.AddRow("throughput", report.InputsPerSecond is { } inputs
            ? Invariant($"{report.RequestsPerSecond:0.##} req/s, {inputs:0.#} inputs/s, {report.InputTokensPerSecond:0.#} input tok/s over {stats.WindowSeconds:0.##} s")
            : Invariant($"{report.RequestsPerSecond:0.##} req/s, {report.OutputTokensPerSecond:0.#} output tok/s, {report.TotalTokensPerMinute:0} total tok/min over {stats.WindowSeconds:0.##} s"));
        totals.AddRow("goodput", Markup.Escape(GoodputLine(stats.Goodput)));
        // Anthropic streams thinking but reports no count of it: say it reasoned rather than "0 of them reasoning".
        var reasoning = stats.Reasoned == 0 ? ""
            : stats.ReasoningTokens == 0 ? Invariant($", reasoning streamed in {stats.Reasoned} requests (the server reports no reasoning count)")
            : Invariant($", {stats.ReasoningTokens} of them reasoning in {stats.Reasoned} requests");
        totals.AddRow("tokens", Invariant($"{stats.InputTokens} in, {stats.OutputTokens} out{reasoning} (source: {report.TokenSource})"));
        if (CostLine(report) is { } cost)
        {
            totals.AddRow("cost", Markup.Escape(cost));
        }

        if (!stats.RateLimits.IsEmpty)
        {
            totals.AddRow("rate limits", Markup.Escape(RateLimitLine(stats.RateLimits)));
            if (RateLimitUsageText.Line(report) is { } usage)
            {
                totals.AddRow("limit usage", Markup.Escape(usage));
            }

            if (RateLimitUsageText.ConcurrencyLine(stats.RateLimits.Concurrency) is { } concurrency)
            {
                totals.AddRow("concurrency cap", Markup.Escape(concurrency));
            }
        }

        foreach (var (label, line) in ServerLines.For(report.Server))
        {
            totals.AddRow(label, Markup.Escape(line));
        }

        totals.AddRow("client", Invariant($"{report.Client.CpuSeconds:0.##} CPU s ({report.Client.CpuUtilization:P0} of {Environment.ProcessorCount} cores), peak RSS {report.Client.PeakRssMegabytes:0} MB, GC pauses {report.Client.GcPauseMilliseconds:0} ms"));
        return new Rows(latency, totals);
    }

    /// <summary>Spent, per measured request, the projection and the budget; null when the run has no price.</summary>
    private static string? CostLine(RunReport report)
    {
        if (report.SpentUsd is not { } spent)
        {
            return null;
        }

        var parts = new List<string> { Usd.Format(spent) + (report.Statistics.WarmupCost.Requests > 0 ? $" ({Usd.Format(report.Statistics.WarmupCost.TotalUsd)} warm-up)" : "") };
        if (report.Statistics.Cost.PerRequestUsd is { } perRequest)
        {
            parts.Add(Usd.Format(perRequest) + " per measured request");
        }

        if (report.CostProjection is { } projection)
        {
            parts.Add(Invariant($"at {projection.RatePerSecond:0.###} req/s ({(projection.RateSource == "target_rate" ? "--target-rate" : "achieved")}): {Usd.Format(projection.PerHourUsd)}/hour, {Usd.Format(projection.PerMonthUsd)}/month of 730 h"));
        }

        if (report.Budget is { } budget)
        {
            parts.Add($"budget {Usd.Format(budget.CapUsd)}, {Usd.Format(budget.CapUsd - budget.SpentUsd)} left");
        }

        return string.Join("; ", parts) + $" ({report.Options.Cost.Price!.Model})";
    }

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string GoodputLine(Goodput goodput)
    {
        var criteria = goodput.PerRequest.Count == 0
            ? "succeeded (no per-request SLO on ttft, tpot or e2e)"
            : "succeeded within " + string.Join(", ", goodput.PerRequest.Select(o => $"{o.MetricName}{o.Comparison.ToText()}{o.Format(o.Threshold)}"));
        return goodput.Ratio is { } ratio
            ? Invariant($"{ratio * 100:0.#}%: {goodput.Met} of {goodput.Counted} measured requests {criteria}")
            : "no measured requests";
    }

    private static string RateLimitLine(RateLimitSummary limits)
    {
        var parts = new List<string>();
        if (limits.ResponsesWithHeaders > 0)
        {
            var announced = string.Join(", ", new[]
            {
                limits.LimitRequests is { } r ? Invariant($"{r} req/min (lowest remaining {limits.MinRemainingRequests})") : null,
                limits.LimitTokens is { } t ? Invariant($"{t} tok/min (lowest remaining {limits.MinRemainingTokens})") : null,
            }.OfType<string>());
            parts.Add(announced);
        }

        var retryAfter = limits.RetryAfterMs;
        parts.Add(retryAfter.Count > 0
            ? Invariant($"{limits.RateLimited} refused (429), retry-after p50 {retryAfter.P50 / 1000:0.###} s, max {retryAfter.Max / 1000:0.###} s")
            : Invariant($"{limits.RateLimited} refused (429)"));
        return string.Join("; ", parts);
    }
}
