using System.Globalization;
using LlmLoad.Engine;
using LlmLoad.FindLimit;
using LlmLoad.Shared;
using Spectre.Console;

namespace LlmLoad.Cli.Output;

/// <summary>What find-limit prints: a line per step as the search goes, and the curve with the knee and the saturation point at the end.</summary>
internal static class FindLimitTable
{
    /// <summary>A finished step's verdict and figures, as markup.</summary>
    public static string StepLine(StepResult step) => $"        {Verdict(step.Verdict)}{CutShort(step.Measurement)} {Markup.Escape(Summary(step))}";

    /// <summary>The curve table and the answers, after the search.</summary>
    public static void Write(IAnsiConsole console, FindLimitResult result, string path)
    {
        var axis = result.Settings.By;
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]curve[/]");
        foreach (var (header, right) in new[]
        {
            ("step", true), (axis == LoadAxis.Rate ? "req/s" : "concurrent", true), ("offered", true), ("achieved", true), ("out tok/s", true),
            ("TTFT p50", true), ("TTFT p95", true), ("ITL p50", true), ("E2E p95", true), ("in flight", true), ("errors", true), ("SLO", false), ("verdict", false),
        })
        {
            table.AddColumn(new TableColumn(header) { Alignment = right ? Justify.Right : Justify.Left });
        }

        foreach (var step in result.Curve)
        {
            var m = step.Measurement;
            table.AddRow(
                I($"{step.Index}"), I($"{m.Load:0.###}"), m.OfferedRate is { } offered ? I($"{offered:0.##}") : "-", I($"{m.AchievedRate:0.##}"), I($"{m.OutputTokensPerSecond:0}"),
                Ms(m.TtftP50Ms), Ms(m.TtftP95Ms), Ms(m.ItlP50Ms), Ms(m.E2eP95Ms), m.ConcurrencyNeeded is { } n ? I($"{n:0.#}") : "-", I($"{m.ErrorRate:0.#%}"),
                m.SlosPassed ? "[green]pass[/]" : "[red]fail[/]", Verdict(step.Verdict) + CutShort(m));
        }

        console.Write(table);
        console.MarkupLine("latencies in ms; achieved = successful completions per second in each step's last two thirds; in flight = achieved x mean E2E (Little's law)");
        console.MarkupLine($"[bold]knee:[/] {Markup.Escape(LimitAnswers.Knee(result))}");
        console.MarkupLine($"[bold]saturation:[/] {Markup.Escape(LimitAnswers.Saturation(result))}");
        console.MarkupLine($"[bold]scaling:[/] {Markup.Escape(SearchScalingLine.For(result))}");
        var spent = StepResult.CostUsd(result.Steps) is { } cost ? ", " + Usd.Format(cost) : "";
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"search: {result.Outcome.ToWireName()}, {result.Steps.Count} steps, {result.RequestsSent} requests{spent}, {result.ElapsedSeconds:0} s; ended because {result.StoppedBecause}");
        console.MarkupLineInterpolated($"results: {path}, {Path.Combine(Path.GetDirectoryName(path)!, "steps")}");
    }

    private static string CutShort(StepMeasurement step) => step.StoppedBy switch
    {
        StopReason.Interrupted => " (interrupted)",
        StopReason.Budget => " (budget)",
        _ => "",
    };

    private static string Summary(StepResult step)
    {
        var m = step.Measurement;
        var line = I($"achieved {m.AchievedRate:0.##} req/s, TTFT p95 {Ms(m.TtftP95Ms)} ms, errors {m.ErrorRate:0.#%}");
        return step.Reasons.Count == 0 ? line : line + " - " + string.Join("; ", step.Reasons);
    }

    private static string Verdict(StepVerdict verdict) => verdict == StepVerdict.Ok ? "[green]ok[/]" : $"[red]{verdict.ToWireName()}[/]";

    private static string Ms(double? value) => value is { } v ? I($"{v:0}") : "-";

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
