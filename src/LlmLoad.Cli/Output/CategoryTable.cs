using System.Globalization;
using LlmLoad.Analysis;
using LlmLoad.Reporting;
using Spectre.Console;

namespace LlmLoad.Cli.Output;

/// <summary>One row per workload category: its share, outcome, latency and lengths, to see which kind of request hurts.</summary>
internal static class CategoryTable
{
    public static Table Create(RunReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]categories[/]");
        foreach (var header in new[] { "category", "share", "ok", "failed", "TTFT p50", "TTFT p95", "ITL p50", "E2E p95", "in tok", "out tok" })
        {
            table.AddColumn(new TableColumn(header).RightAligned());
        }

        var mix = report.Options.Workload.Mix;
        foreach (var (name, stats) in report.CategoriesInOrder)
        {
            var ttft = stats.Latency(LatencyMetric.Ttft);
            var asked = mix?.Categories.FirstOrDefault(c => c.Name == name) is { } category ? $" of {Percent(mix.Share(category))}" : "";
            table.AddRow(
                Markup.Escape(name),
                Percent(report.Statistics.Measured > 0 ? (double)stats.Measured / report.Statistics.Measured : 0) + asked,
                stats.Succeeded.ToString(CultureInfo.InvariantCulture),
                stats.Failed > 0 ? $"[red]{stats.Failed}[/]" : "0",
                Ms(ttft.Count, ttft.P50),
                Ms(ttft.Count, ttft.P95),
                Ms(stats.Latency(LatencyMetric.Itl).Count, stats.Latency(LatencyMetric.Itl).P50),
                Ms(stats.Latency(LatencyMetric.E2e).Count, stats.Latency(LatencyMetric.E2e).P95),
                Mean(stats.InputTokens, stats.Measured),
                Mean(stats.OutputTokens, stats.Measured));
        }

        return table;
    }

    private static string Percent(double share) => share.ToString("0.#%", CultureInfo.InvariantCulture);

    private static string Mean(long total, long count) => count == 0 ? "-" : ((double)total / count).ToString("0", CultureInfo.InvariantCulture);

    private static string Ms(long count, double value) => count == 0 ? "-" : value.ToString("0", CultureInfo.InvariantCulture) + " ms";
}
