using System.Globalization;
using LlmLoad.Analysis;
using LlmLoad.Reporting;
using LlmLoad.Traffic;
using Spectre.Console;

namespace LlmLoad.Cli.Output;

/// <summary>One row per stage of a staged run: the level asked for, what was offered and served, and the latency felt.</summary>
internal static class StageTable
{
    public static Table Create(RunReport report, LoadUnit unit)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]stages[/]");
        foreach (var header in new[] { "stage", unit == LoadUnit.Rate ? "req/s asked" : "users", "offered/s", "served/s", "ok", "failed", "TTFT p50", "TTFT p95", "ITL p50", "E2E p95" })
        {
            table.AddColumn(new TableColumn(header).RightAligned());
        }

        foreach (var figures in report.Stages ?? [])
        {
            var stage = figures.Stage;
            var stats = figures.Requests;
            var ttft = stats.Latency(LatencyMetric.Ttft);
            table.AddRow(
                Markup.Escape(stage.Name + (stage.Measured ? "" : " (excluded)")),
                Level(stage),
                Number(figures.OfferedRate, "0.0"),
                Number(figures.AchievedRate, "0.0"),
                stats.Succeeded.ToString(CultureInfo.InvariantCulture),
                stats.Failed > 0 ? $"[red]{stats.Failed}[/]" : "0",
                Ms(ttft.Count, ttft.P50),
                Ms(ttft.Count, ttft.P95),
                Ms(stats.Latency(LatencyMetric.Itl).Count, stats.Latency(LatencyMetric.Itl).P50),
                Ms(stats.Latency(LatencyMetric.E2e).Count, stats.Latency(LatencyMetric.E2e).P95));
        }

        return table;
    }

    private static string Level(Stage stage) => stage.StartLevel == stage.EndLevel && stage.PeakLevel == stage.StartLevel
        ? Number(stage.StartLevel, "0.##")
        : stage.Kind == StageKind.Diurnal
            ? $"{Number(stage.Segments.Min(s => Math.Min(s.From, s.To)), "0.##")}..{Number(stage.PeakLevel, "0.##")}"
            : $"{Number(stage.StartLevel, "0.##")}->{Number(stage.EndLevel, "0.##")}";

    private static string Ms(long count, double value) => count == 0 ? "-" : Number(value, "0") + " ms";

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
