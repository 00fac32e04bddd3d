using LlmLoad.Comparison;
using Spectre.Console;

namespace LlmLoad.Cli.Output;

/// <summary><c>llmload compare</c> on the console: per candidate a table of every metric against the base, then the --fail-on verdicts.</summary>
internal static class ComparisonTable
{
    public static void Write(IAnsiConsole console, ComparisonReport report)
    {
        var settings = report.Settings;
        foreach (var comparison in report.Comparisons)
        {
            foreach (var difference in comparison.Differences)
            {
                console.MarkupLineInterpolated($"[yellow]warning:[/] {comparison.Candidate.Name} differs from {comparison.Base.Name} in {difference.Field}: {difference.Base} -> {difference.Candidate}");
            }

            var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(comparison.Candidate.Name)}[/] against [bold]{Markup.Escape(comparison.Base.Name)}[/]");
            table.AddColumn("metric");
            foreach (var column in new[] { "base", "candidate", "change", $"{ComparisonFormat.Level(settings)} CI of change", "p" })
            {
                table.AddColumn(new TableColumn(column).RightAligned());
            }

            table.AddColumn("verdict");
            foreach (var metric in comparison.Metrics.Where(m => m.Base is not null || m.Candidate is not null))
            {
                var unit = ComparisonFormat.Unit(metric.Metric);
                var verdict = ComparisonFormat.Verdict(metric);
                table.AddRow(
                    Markup.Escape(metric.Metric.Label + (unit.Length > 0 ? $" ({unit})" : "")),
                    Markup.Escape(ComparisonFormat.Value(metric.Metric, metric.Base)),
                    Markup.Escape(ComparisonFormat.Value(metric.Metric, metric.Candidate)),
                    Markup.Escape(ComparisonFormat.Delta(metric)),
                    Markup.Escape(ComparisonFormat.Interval(metric)),
                    Markup.Escape(ComparisonFormat.P(metric.P)),
                    metric.Verdict switch { "worse" => "[red]worse[/]", "better" => "[green]better[/]", _ => Markup.Escape(verdict) });
            }

            console.Write(table);
        }

        console.MarkupLineInterpolated($"{ComparisonFormat.Method(settings)}");
        foreach (var verdict in report.Verdicts)
        {
            if (verdict.Regressed)
            {
                console.MarkupLineInterpolated($"[red]REGRESSED[/] {ComparisonFormat.Regression(verdict, settings)}");
            }
            else
            {
                var why = verdict.PastThreshold ? "past the threshold but not significant" : "within the threshold";
                console.MarkupLineInterpolated($"[green]held[/] {verdict.Rule.Text}: {verdict.Candidate}: {ComparisonFormat.Delta(verdict.Comparison)}, {why}");
            }
        }
    }
}
