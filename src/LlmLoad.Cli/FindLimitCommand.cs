using System.CommandLine;
using System.Globalization;
using LlmLoad.Cli.Options;
using LlmLoad.Cli.Output;
using LlmLoad.Cost;
using LlmLoad.Engine;
using LlmLoad.FindLimit;
using LlmLoad.Reporting.Html;
using LlmLoad.Shared;
using LlmLoad.Simulator;
using Spectre.Console;

namespace LlmLoad.Cli;

/// <summary>
/// <c>llmload find-limit [SCENARIO.yaml] [options]</c>: raises the load step by step until a step fails, then
/// bisects, and reports the knee (highest load under the SLOs) and the saturation point (docs/find-limit.md).
/// </summary>
internal static class FindLimitCommand
{
    private const string Definitions = """
        Find the highest load the target sustains. Steps of --step-duration each, at --start, then x2 per step
        until one fails, then bisecting between the last passing and the first failing load until they are
        within --tolerance; then the same upwards for the saturation point if no step has shown it yet.
        Each step is a normal run in OUT/steps/NN-LOAD/; OUT/find-limit.json holds the curve and both limits.

        A step's verdict (the worst that applies; see docs/find-limit.md):
          saturated      --by rate: successful completions per second in the step's last two thirds below 90% of
                         the arrivals offered; --by concurrency: throughput grew by less than 10% of the growth
                         in concurrency over the step below
          queue_growing  --by rate: median TTFT (from the intended send) of the last third of the step above 1.5x
                         the first third's, and by at least 50 ms: the queue grows without bound;
                         --by concurrency: median TTFT above 1.5x the lowest step's, and by 50 ms: requests queue
          slo_failed     an --slo objective failed over the step's requests (default: error_rate<1%)
          ok             none of these
        The knee is the highest ok load; the saturation point the highest load not saturated nor queue_growing.
        Little's law gives the other axis at the knee: requests in flight = achieved rate x mean E2E.

        --budget-usd X caps the whole search, not each step: one guard spans every step (a request that could take
        the total above X is not sent), and a step is not started when what the steps so far cost per request says
        it would not fit. A step the cap cuts short is reported but bounds nothing.

        The scenario's load (traffic.rate with --by rate, traffic.concurrency with --by concurrency) and its
        limits.requests and limits.duration are ignored: each step sets its own. --warmup applies to each step;
        against a --url, a short one (e.g. 2s) keeps llmload's own start-up out of the first step.
        Exit codes: 0 knee found; 2 invalid input; 3 interrupted (everything so far written);
        4 every step held within the budget (no limit found); 99 even the first step failed.
        """;

    public static Command Create()
    {
        var scenario = ScenarioArgument.Create();
        var command = new Command("find-limit", Definitions) { scenario };
        var search = new SettingOptions(command)
            .Value("by", "what to raise: rate (open loop, arrivals per second) or concurrency (closed loop, requests in flight) (default: rate)", LoadAxis.Rate.ToWireName())
            .Value("start", $"the first step's load, in req/s or requests in flight (default: {FindLimitSettings.DefaultStart})")
            .Value("step-duration", $"how long each step sends; several response times at least, e.g. 30s, 2m (default: {DurationText.Format(FindLimitSettings.DefaultStepDuration)})")
            .Value("max-time", $"total time budget; a step starts only if it fits with its grace (default: {DurationText.Format(FindLimitSettings.DefaultMaxTime)})")
            .Value("max-requests", "total request budget, failures included; each step also stops at what is left (default: none)")
            .Value("tolerance", $"bisect until the passing and failing loads are within this of each other, e.g. 5% or 0.05 (default: {FindLimitSettings.DefaultTolerance:0%})");
        var settings = RunSettingOptions.Add(
                command,
                $"an objective every step must meet, e.g. 'ttft.p95<500ms' (the syntax of llmload run --help); repeatable; replaces the scenario's slo: list (default: {FindLimitSettingsBuilder.DefaultSlo})",
                "rate", "requests", "duration", "trace", "time-scale")
            .Cost()
            .Export();
        command.SetAction(async parse =>
        {
            var (flags, error) = settings.Read(parse);
            if (error is not null)
            {
                return InputErrors.Report([error]);
            }

            flags.OverrideWith(search.Read(parse).Flags);
            return await FindAsync(parse.GetValue(scenario), flags);
        });
        return command;
    }

    private static async Task<int> FindAsync(string? scenarioPath, ScenarioSettings flags)
    {
        var builder = new FindLimitSettingsBuilder(flags);
        var built = builder.Build(scenarioPath, () => DateTimeOffset.UtcNow);
        var errors = builder.Errors.ToList();
        var simulatorOptions = built is { Options.Url: null } ? EmbeddedSimulator.Options(built.Value.Options, errors) : null;
        if (built is { Options.Routing: not null })
        {
            errors.Add("--target: find-limit searches the limit of one target (--url); several targets and drills are for llmload run");
        }

        if (built is not var (search, given) || errors.Count > 0 || await RunTarget.WithServedModelAsync(given, errors) is not { } options)
        {
            return InputErrors.Report(errors);
        }

        if (!LiveExport.TryStart(options, out var live, out var liveError))
        {
            return InputErrors.Report([liveError]);
        }

        using var liveMetrics = live;
        using var stop = new StopSignal();
        await using var target = await RunTarget.StartAsync(options, simulatorOptions);
        var run = new FindLimitRun(search, options, target.Url, target.Embedded, DateTimeOffset.UtcNow);
        var console = Console();
        Starting(console, run, builder.Ignored);
        LiveExport.Describe(options, System.Console.Out);
        var interactive = !System.Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        var runner = new LoadRunStepRunner(options, search.By, search.StepDuration, target.Url, target.Embedded, target.WarmUpUrl)
        {
            // A live panel on a terminal; in a log, one line per step is enough.
            Watch = interactive ? (running, counters, load) => ConsoleOutput.Create().ShowProgressAsync(running, counters, load) : null,
            Budget = BudgetGuard.For(options.Cost),
            LiveMetrics = live?.Metrics,
        };
        var limitSearch = new LimitSearch(search, runner)
        {
            StepStarting = plan => console.MarkupLineInterpolated($"step {plan.Index}: {search.By.Format(plan.Load)} for {DurationText.Format(search.StepDuration)} -> {Path.Combine(options.OutDir, "steps", search.By.StepDirectory(plan.Index, plan.Load))}"),
            StepFinished = (step, steps) =>
            {
                FindLimitJson.Write(run, steps, null);
                console.MarkupLine(FindLimitTable.StepLine(step));
            },
        };
        var result = await limitSearch.RunAsync(stop.Token);
        var path = FindLimitJson.Write(run, result.Steps, result);
        HtmlReport.WriteFindLimit(options.OutDir, File.ReadAllBytes(path));
        FindLimitTable.Write(console, result, path);
        await LiveExport.LingerAsync(options, System.Console.Out, stop.Token);
        return result.Outcome switch
        {
            FindLimitOutcome.KneeFound => ExitCodes.Success,
            FindLimitOutcome.Interrupted => ExitCodes.StoppedEarly,
            FindLimitOutcome.FirstStepFailed => ExitCodes.ThresholdFailed,
            _ => ExitCodes.NoLimitFound,
        };
    }

    private static void Starting(IAnsiConsole console, FindLimitRun run, IReadOnlyList<string> ignored)
    {
        var (search, options) = (run.Settings, run.Options);
        var simulator = run.EmbeddedSimulator ? $" (built-in simulator{(options.SimulatorProfile is { } profile ? ", " + profile : "")})" : "";
        console.MarkupLineInterpolated($"[bold]llmload find-limit[/] -> {options.Provider} {run.TargetUrl}{simulator}, model {options.Model}");
        var shape = search.By == LoadAxis.Rate
            ? $"by rate, {options.Load.Arrival} arrivals{(options.Load.Concurrency is { } cap ? $", cap {cap} in flight" : "")}"
            : "by concurrency (closed loop)";
        var budget = DurationText.Format(search.MaxTime) + (search.MaxRequests is { } requests ? $" or {requests} requests" : "")
            + (search.BudgetUsd is { } usd ? $" or {Usd.Format(usd)} (one cap for every step)" : "");
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"{shape}; from {search.By.Format(search.Start)}, x{FindLimitSettings.Factor} until a step fails, then bisecting to {search.Tolerance:0.#%}; steps of {DurationText.Format(search.StepDuration)} (+ up to {DurationText.Format(search.StepGrace)} grace); budget {budget}");
        console.MarkupLineInterpolated($"SLOs: {string.Join(", ", options.Slos.Select(s => s.Text))}; {options.Workload.Describe()}, {(options.Stream ? "streaming" : "buffered")}; seed {options.Seed}; results in {options.OutDir}");
        if (ignored.Count > 0)
        {
            console.MarkupLineInterpolated($"[yellow]note:[/] each step sets its own load and length; ignoring {string.Join(", ", ignored)}");
        }
    }

    private static IAnsiConsole Console()
    {
        if (System.Console.IsOutputRedirected)
        {
            // Logs read best unwrapped: a step's reasons stay on its line, and tables take the width they need.
            AnsiConsole.Profile.Width = 1000;
        }

        return AnsiConsole.Console;
    }
}
