using System.Text;

namespace LlmLoad.Comparison;

/// <summary><c>llmload compare --markdown</c>: the comparison as a GitHub-flavoured Markdown comment for a pull request.</summary>
internal static class ComparisonMarkdown
{
    public static string Format(ComparisonReport report)
    {
        var settings = report.Settings;
        var text = new StringBuilder();
        text.Append("### llmload compare: ").Append(report.Regressed ? "regression" : "no regression").Append("\n\n");
        foreach (var verdict in report.Regressions)
        {
            text.Append("- :x: ").Append(Escape(ComparisonFormat.Regression(verdict, settings))).Append('\n');
        }

        foreach (var comparison in report.Comparisons)
        {
            text.Append("\n#### `").Append(comparison.Candidate.Name).Append("` against `").Append(report.Base.Name).Append("`\n\n");
            if (comparison.Differences.Count > 0)
            {
                text.Append("> [!WARNING]\n> The runs differ in their settings: ")
                    .Append(Escape(string.Join("; ", comparison.Differences.Select(d => $"{d.Field} {d.Base} → {d.Candidate}"))))
                    .Append("\n\n");
            }

            text.Append($"| metric | base | candidate | change | {ComparisonFormat.Level(settings)} CI of change | p | verdict |\n");
            text.Append("|---|--:|--:|--:|--:|--:|---|\n");
            foreach (var metric in comparison.Metrics.Where(m => m.Base is not null || m.Candidate is not null))
            {
                var unit = ComparisonFormat.Unit(metric.Metric);
                text.Append("| ").Append(metric.Metric.Label).Append(unit.Length > 0 ? $" ({unit})" : "")
                    .Append(" | ").Append(ComparisonFormat.Value(metric.Metric, metric.Base))
                    .Append(" | ").Append(ComparisonFormat.Value(metric.Metric, metric.Candidate))
                    .Append(" | ").Append(ComparisonFormat.Delta(metric))
                    .Append(" | ").Append(ComparisonFormat.Interval(metric))
                    .Append(" | ").Append(Escape(ComparisonFormat.P(metric.P)))
                    .Append(" | ").Append(metric.Verdict == "worse" ? "**worse**" : ComparisonFormat.Verdict(metric))
                    .Append(" |\n");
            }
        }

        text.Append('\n').Append(ComparisonFormat.Method(settings)).Append('\n');
        return text.ToString();
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);
}
