using System.Diagnostics;
using System.Globalization;
using LlmLoad.Analysis;
using LlmLoad.Analysis.Slo;
using LlmLoad.Analysis.Watches;
using LlmLoad.Cost;
using LlmLoad.Engine;
using LlmLoad.Estimate;
using LlmLoad.Options;
using LlmLoad.Providers.Transport;
using LlmLoad.Reporting;
using LlmLoad.Reporting.Html;
using LlmLoad.Shared;
using Spectre.Console;

namespace LlmLoad.Cli.Output;

/// <summary>
/// What a run prints: a header, live progress while it runs (a refreshing panel on a terminal, a plain
/// line every few seconds otherwise), and the summary table at the end.
/// </summary>
internal sealed class ConsoleOutput(IAnsiConsole console, bool interactive) : IRunExporter
{
    private static readonly TimeSpan LiveRefresh = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan PlainRefresh = TimeSpan.FromSeconds(5);

    public static ConsoleOutput Create()
    {
        var interactive = !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        if (!interactive)
        {
            // Logs and CI capture read best unwrapped; Spectre would otherwise assume 80 columns.
            AnsiConsole.Profile.Width = 140;
        }

        return new ConsoleOutput(AnsiConsole.Console, interactive);
    }

    /// <summary>The console it writes to, set up for a terminal or a log, for other commands' tables.</summary>
    public IAnsiConsole Terminal => console;

    /// <param name="estimate">The run's estimate, when it has a price.</param>
    public void Starting(RunOptions options, Uri target, bool embedded, RunEstimate? estimate = null)
    {
        var load = options.Load;
        var cap = load.Concurrency is { } c && load.IsOpenLoop ? $", cap {c} in flight" : "";
        var shape = (load.Trace, load.Stages, load.Rate) switch
        {
            ({ } trace, _, _) => string.Create(CultureInfo.InvariantCulture, $"open loop, replaying {trace.Count} arrivals of a trace at time scale {load.TraceTimeScale}{cap}"),
            (_, { } stages, _) => string.Create(CultureInfo.InvariantCulture, $"{(load.IsOpenLoop ? $"open loop ({load.Arrival})" : "closed loop")}, stages {string.Join(" > ", stages.Stages.Select(s => s.Name))}{cap}"),
            (_, _, { } rate) => string.Create(CultureInfo.InvariantCulture, $"open loop, {(double.IsPositiveInfinity(rate) ? "all at once" : $"{rate} req/s {load.Arrival}")}{cap}"),
            _ => $"closed loop, {load.Concurrency} workers",
        };
        var stop = string.Join(" or ", new[] { load.Requests is { } r ? $"{r} requests" : null, load.Duration is { } d ? DurationText.Format(d) : null }.OfType<string>());
        console.MarkupLineInterpolated($"[bold]llmload {JsonWriting.ToolVersion}[/] -> {options.Provider} {target}{(embedded ? " (built-in simulator)" : "")}, model {options.Model}{(options.Transport == HttpTransport.Default ? "" : $", {options.Transport}")}");
        // An embeddings request sends a batch of prompts and asks for no output.
        var workload = options.Format.InputsPerRequest is { } batch
            ? string.Create(CultureInfo.InvariantCulture, $"{batch} input{(batch == 1 ? "" : "s")} per request, {(options.Workload.Corpus is null ? $"{options.Workload.Input} tokens each" : "corpus prompts")}")
            : options.Workload.Describe();
        console.MarkupLineInterpolated($"{shape}; until {stop}; {workload} ({options.Tokenizer}), {(options.Stream ? "streaming" : "buffered")}; seed {options.Seed}; results in {options.OutDir}");
        if (CostLine(options, embedded, estimate) is { } cost)
        {
            console.MarkupLineInterpolated($"{cost}");
        }
    }

    /// <summary>The price, the estimate and the cap before the run; null for the built-in simulator's own free model.</summary>
    private static string? CostLine(RunOptions options, bool embedded, RunEstimate? estimate)
    {
        if (options.Cost.Price is not { } price)
        {
            return embedded && options.Model == RunOptions.DefaultModel ? null : "cost: not tracked: " + options.Cost.Unpriced;
        }

        var line = string.Create(CultureInfo.InvariantCulture, $"cost: {price.Model} at ${price.InputPerMillion} input / ${price.OutputPerMillion} output per 1M tokens ({price.Source}{(price.AsOf is { } asOf ? ", " + asOf : "")})");
        if (estimate?.CostUsd is { } cost)
        {
            line += $"; estimated {Usd.Format(cost.Expected)} (low {Usd.Format(cost.Low)}, high {Usd.Format(cost.High)})";
        }

        return options.Cost.BudgetUsd is { } cap ? line + "; budget " + Usd.Format(cap) : line;
    }

    public async Task ShowProgressAsync(Task running, LiveCounters counters, LoadShape load, CostSettings? cost = null)
    {
        var clock = Stopwatch.StartNew();
        if (!interactive)
        {
            while (await WaitAsync(running, PlainRefresh) is false)
            {
                console.WriteLine(ProgressSnapshot.Take(counters, load, clock.Elapsed, cost).ToPlainLine());
            }

            return;
        }

        await console.Live(new Text("starting…")).AutoClear(true).StartAsync(async live =>
        {
            do
            {
                live.UpdateTarget(ProgressPanel(ProgressSnapshot.Take(counters, load, clock.Elapsed, cost)));
            }
            while (await WaitAsync(running, LiveRefresh) is false);
        });
    }

    /// <summary>The end-of-run summary: the latency table, counts, throughput, tokens, cost, client health, verdict.</summary>
    public void Export(RunReport report)
    {
        console.Write(SummaryTable.Create(report));
        if (report.Options.Load.Stages is { } stages)
        {
            console.Write(StageTable.Create(report, stages.Unit));
        }

        if (report.CategoriesInOrder.Count > 0)
        {
            console.Write(CategoryTable.Create(report));
        }

        RoutingTable.Write(console, report);
        if (report.Actions is { } actions)
        {
            var waiting = actions.Waiting.Stats();
            console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"user actions: {actions.Count} sessions ({actions.Completed} completed, {actions.Failed} failed; {actions.Cut} cut short by the run's end, not counted), {(actions.Count > 0 ? (double)actions.Turns / actions.Count : 0):0.#} turns each; waiting per action p50 {waiting.P50:0} ms, p95 {waiting.P95:0} ms; first TTFT p95 {actions.FirstTtft.Stats().P95:0} ms");
        }

        foreach (var warning in report.Warnings)
        {
            console.MarkupLineInterpolated($"[yellow]warning:[/] {warning}");
        }

        foreach (var slo in report.Slos)
        {
            var verdict = slo.Passed ? "[green]PASS[/]" : "[red]FAIL[/]";
            console.MarkupLine($"{verdict} {Markup.Escape(slo.Objective.Text)}: measured {Markup.Escape(slo.MeasuredText)}");
        }

        if (report is { StoppedBy: StopReason.Breaker, BreakerTrip: { } trip })
        {
            console.MarkupLineInterpolated($"[red]breaker:[/] {trip.Failed} of the {trip.Completed} measured requests that completed in the last {DurationText.Format(trip.Spec.Window)} failed ({trip.ErrorRate.ToString("0.#%", CultureInfo.InvariantCulture)}, above {trip.Spec.Threshold.ToString("0.#%", CultureInfo.InvariantCulture)}) at {(trip.AtMs / 1000).ToString("0.0", CultureInfo.InvariantCulture)}s; sending stopped");
        }

        if (report is { StoppedBy: StopReason.Budget, Budget: { } budget })
        {
            console.MarkupLineInterpolated($"[red]budget:[/] the next request's worst case ({Usd.Format(budget.RefusedWorstCaseUsd)}) could have crossed the cap of {Usd.Format(budget.CapUsd)} with what was spent and in flight; sending stopped, the requests in flight finished; spent {Usd.Format(budget.SpentUsd)}");
        }

        if (report is { StoppedBy: StopReason.Slo, SloAbort: { } abort })
        {
            console.MarkupLineInterpolated($"[red]SLO abort:[/] {abort.Objective.Text} measured {abort.Objective.Format(abort.Measured)} over the {abort.Requests} measured requests completed in the last {DurationText.Format(abort.Objective.AbortAfter!.Value)} at {(abort.AtMs / 1000).ToString("0.0", CultureInfo.InvariantCulture)}s; sending stopped");
        }

        console.MarkupLineInterpolated($"stopped by: {report.StoppedBy.ToWireName()}; results: {Path.Combine(report.OutDir, "requests.jsonl")}, {Path.Combine(report.OutDir, SummaryJson.FileName)}, {Path.Combine(report.OutDir, HtmlReport.FileName)}");
    }

    private static Table ProgressPanel(ProgressSnapshot s)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]running[/]");
        string[] headers = ["elapsed", "remaining", "stage", "done", "in flight", "req/s", "out tok/s", "errors", "dropped", .. s.CostText is null ? Array.Empty<string>() : ["cost"]];
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(header).RightAligned());
        }

        string[] cells =
        [
            ProgressSnapshot.Clock(s.Elapsed),
            s.Remaining is { } r ? ProgressSnapshot.Clock(r) : "?",
            Markup.Escape(s.Stage ?? "-"),
            s.Planned is { } p ? $"{s.Finished}/{p}" : s.Finished.ToString(CultureInfo.InvariantCulture),
            s.InFlight.ToString(CultureInfo.InvariantCulture),
            s.RequestsPerSecond.ToString("0.0", CultureInfo.InvariantCulture),
            s.OutputTokensPerSecond.ToString("0", CultureInfo.InvariantCulture),
            s.Failed > 0 ? $"[red]{s.Failed}[/]" : "0",
            s.Dropped.ToString(CultureInfo.InvariantCulture),
            .. s.CostText is { } cost ? [Markup.Escape(cost)] : Array.Empty<string>(),
        ];
        table.AddRow(cells);
        return table;
    }

    /// <summary>True when <paramref name="running"/> completed within <paramref name="interval"/>.</summary>
    private static async Task<bool> WaitAsync(Task running, TimeSpan interval)
        => await Task.WhenAny(running, Task.Delay(interval)) == running;
}
