using System.Net;
using System.Text;
using LlmLoad.Shared;

namespace LlmLoad.Comparison;

/// <summary>
/// <c>llmload compare --html FILE</c>: one self-contained page (inline SVG, no script, no network) with the comparison
/// tables, the latency CDFs of every run overlaid, and TTFT and throughput over time.
/// </summary>
internal static class ComparisonHtml
{
    /// <summary>Points per CDF line: enough for a smooth curve, few enough for a small file whatever the run's size.</summary>
    private const int CdfPoints = 200;

    private static readonly string[] Colors = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];

    public static string Format(ComparisonReport report)
    {
        var runs = new[] { report.Base }.Concat(report.Comparisons.Select(c => c.Candidate)).ToList();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>llmload compare</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 20px}")
            .Append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right;white-space:nowrap}td:first-child,th:first-child{text-align:left}")
            .Append(".worse{color:#b00;font-weight:bold}.better{color:#070}.warn{background:#fff4d6;padding:6px 10px;border-left:4px solid #e0a800}")
            .Append(".bad{color:#b00}</style></head><body>");
        html.Append("<h1>llmload compare: ").Append(report.Regressed ? "<span class=\"bad\">regression</span>" : "no regression").Append("</h1>");
        html.Append("<p>base: <b>").Append(Encode(report.Base.Name)).Append("</b>; candidates: ")
            .Append(Encode(string.Join(", ", report.Comparisons.Select(c => c.Candidate.Name)))).Append("</p>");
        if (report.Verdicts.Count > 0)
        {
            html.Append("<ul>");
            foreach (var verdict in report.Verdicts)
            {
                html.Append(verdict.Regressed ? "<li class=\"bad\">REGRESSED " : "<li>held ")
                    .Append(Encode(verdict.Regressed ? ComparisonFormat.Regression(verdict, report.Settings) : $"{verdict.Rule.Text}: {verdict.Candidate}: {ComparisonFormat.Delta(verdict.Comparison)}"))
                    .Append("</li>");
            }

            html.Append("</ul>");
        }

        foreach (var comparison in report.Comparisons)
        {
            AppendTable(html, comparison, report.Settings);
        }

        html.Append("<h2>Latency distributions (CDF)</h2>");
        foreach (var (name, _) in ComparedRunReader.LatencyFields)
        {
            var series = runs.Select((run, i) => new SvgLineChart.Series(run.Name, Colors[i % Colors.Length], Cdf(run.Latencies[name]))).ToList();
            html.Append(SvgLineChart.Render($"{name.ToUpperInvariant()} CDF", $"{name.ToUpperInvariant()} (ms)", "share of requests", series));
        }

        html.Append("<h2>Over time</h2>");
        var window = WindowSeconds(runs);
        html.Append(SvgLineChart.Render($"TTFT median per {window:0.#} s window", "seconds since the first measured request", "TTFT p50 (ms)",
            runs.Select((run, i) => new SvgLineChart.Series(run.Name, Colors[i % Colors.Length], TtftOverTime(run, window))).ToList()));
        html.Append(SvgLineChart.Render($"Successful completions per second ({window:0.#} s windows)", "seconds since the first measured request", "req/s",
            runs.Select((run, i) => new SvgLineChart.Series(run.Name, Colors[i % Colors.Length], ThroughputOverTime(run, window))).ToList()));
        html.Append("<p>").Append(Encode(ComparisonFormat.Method(report.Settings))).Append("</p></body></html>\n");
        return html.ToString();
    }

    private static void AppendTable(StringBuilder html, RunComparison comparison, ComparisonSettings settings)
    {
        html.Append("<h2>").Append(Encode(comparison.Candidate.Name)).Append(" against ").Append(Encode(comparison.Base.Name)).Append("</h2>");
        if (comparison.Differences.Count > 0)
        {
            html.Append("<p class=\"warn\">The runs differ in their settings: ")
                .Append(Encode(string.Join("; ", comparison.Differences.Select(d => $"{d.Field} {d.Base} → {d.Candidate}")))).Append("</p>");
        }

        html.Append("<table><tr><th>metric</th><th>base</th><th>candidate</th><th>change</th><th>")
            .Append(ComparisonFormat.Level(settings)).Append(" CI of change</th><th>p</th><th>verdict</th></tr>");
        foreach (var metric in comparison.Metrics.Where(m => m.Base is not null || m.Candidate is not null))
        {
            var unit = ComparisonFormat.Unit(metric.Metric);
            html.Append("<tr><td>").Append(Encode(metric.Metric.Label + (unit.Length > 0 ? $" ({unit})" : ""))).Append("</td><td>")
                .Append(Encode(ComparisonFormat.Value(metric.Metric, metric.Base))).Append("</td><td>")
                .Append(Encode(ComparisonFormat.Value(metric.Metric, metric.Candidate))).Append("</td><td>")
                .Append(Encode(ComparisonFormat.Delta(metric))).Append("</td><td>")
                .Append(Encode(ComparisonFormat.Interval(metric))).Append("</td><td>")
                .Append(Encode(ComparisonFormat.P(metric.P))).Append("</td><td class=\"").Append(metric.Verdict ?? "").Append("\">")
                .Append(Encode(ComparisonFormat.Verdict(metric))).Append("</td></tr>");
        }

        html.Append("</table>");
    }

    /// <summary>The empirical CDF at <see cref="CdfPoints"/> evenly spaced shares, from the sorted values.</summary>
    internal static List<(double X, double Y)> Cdf(double[] sorted)
    {
        var points = new List<(double, double)>();
        if (sorted.Length == 0)
        {
            return points;
        }

        for (var i = 0; i <= CdfPoints; i++)
        {
            var share = (double)i / CdfPoints;
            points.Add((Percentiles.Of(sorted, share)!.Value, share));
        }

        return points;
    }

    /// <summary>About 60 windows over the longest run, and no shorter than a second.</summary>
    private static double WindowSeconds(IEnumerable<ComparedRun> runs)
    {
        var longest = runs.Select(r => r.Points.Count == 0 ? 0 : (r.Points.Max(p => p.SentMs + (p.E2eMs ?? 0)) - r.Points.Min(p => p.SentMs)) / 1000).Max();
        return Math.Max(1, Math.Ceiling(longest / 60));
    }

    private static List<(double X, double Y)> TtftOverTime(ComparedRun run, double window)
    {
        if (run.Points.Count == 0)
        {
            return [];
        }

        var start = run.Points.Min(p => p.SentMs);
        return run.Points.Where(p => p is { Succeeded: true, TtftMs: not null })
            .GroupBy(p => Math.Floor((p.SentMs - start) / 1000 / window))
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var values = g.Select(p => p.TtftMs!.Value).Order().ToArray();
                return ((g.Key + 0.5) * window, Percentiles.Of(values, 0.5)!.Value);
            })
            .ToList();
    }

    private static List<(double X, double Y)> ThroughputOverTime(ComparedRun run, double window)
    {
        if (run.Points.Count == 0)
        {
            return [];
        }

        var start = run.Points.Min(p => p.SentMs);
        var counts = run.Points.Where(p => p.Succeeded)
            .GroupBy(p => Math.Floor((p.SentMs + (p.E2eMs ?? 0) - start) / 1000 / window))
            .ToDictionary(g => g.Key, g => g.Count());
        var last = counts.Count == 0 ? 0 : counts.Keys.Max();
        return Enumerable.Range(0, (int)last + 1).Select(k => ((k + 0.5) * window, counts.GetValueOrDefault(k) / window)).ToList();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
