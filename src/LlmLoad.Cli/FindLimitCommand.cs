using System.CommandLine;
using System.Globalization;
using LlmLoad.Cli.Output;
using LlmLoad.Cost;
using LlmLoad.Engine;
using LlmLoad.FindLimit;
using LlmLoad.Scenario;
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
    /// <summary>The SLO every search has when none is given: a load that fails requests is not sustainable.</summary>
    public const string DefaultSlo = "error_rate<1%";

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
        var scenario = RunCommand.ScenarioArgument();
        var by = new Option<string>("--by") { Description = "what to raise: rate (open loop, arrivals per second) or concurrency (closed loop, requests in flight) (default: rate)", DefaultValueFactory = _ => "rate" };
        var start = new Option<string?>("--start") { Description = $"the first step's load, in req/s or requests in flight (default: {FindLimitSettings.DefaultStart})" };
        var stepDuration = new Option<string?>("--step-duration") { Description = $"how long each step sends; several response times at least, e.g. 30s, 2m (default: {DurationText.Format(FindLimitSettings.DefaultStepDuration)})" };
        var maxTime = new Option<string?>("--max-time") { Description = $"total time budget; a step starts only if it fits with its grace (default: {DurationText.Format(FindLimitSettings.DefaultMaxTime)})" };
        var maxRequests = new Option<string?>("--max-requests") { Description = "total request budget, failures included; each step also stops at what is left (default: none)" };
        var tolerance = new Option<string?>("--tolerance") { Description = "bisect until the passing and failing loads are within this of each other, e.g. 5% or 0.05 (default: 5%)" };
        var command = new Command("find-limit", Definitions) { scenario, by, start, stepDuration, maxTime, maxRequests, tolerance };
        var readSettings = RunCommand.AddSettingOptions(
            command,
            $"an objective every step must meet, e.g. 'ttft.p95<500ms' (the syntax of llmload run --help); repeatable; replaces the scenario's slo: list (default: {DefaultSlo})",
            "rate", "requests", "duration", "trace", "time-scale");
        var readCost = RunCommand.AddCostOptions(command);
        command.SetAction(async parse =>
        {
            var (flags, error) = readSettings(parse);
            readCost(parse, flags);
            if (error is not null)
            {
                return RunCommand.Fail([error]);
            }

            var errors = new List<string>();
            var search = new FindLimitSettings
            {
                By = Parse(parse.GetValue(by)!, "--by", ParseAxis, errors) ?? LoadAxis.Rate,
                StepDuration = Parse(parse.GetValue(stepDuration), "--step-duration", ParsePositiveDuration, errors) ?? FindLimitSettings.DefaultStepDuration,
                MaxTime = Parse(parse.GetValue(maxTime), "--max-time", ParsePositiveDuration, errors) ?? FindLimitSettings.DefaultMaxTime,
                MaxRequests = Parse(parse.GetValue(maxRequests), "--max-requests", ParseCount, errors),
                Tolerance = Parse(parse.GetValue(tolerance), "--tolerance", ParseTolerance, errors) ?? FindLimitSettings.DefaultTolerance,
            };
            return await FindAsync(parse.GetValue(scenario), flags, search, parse.GetValue(start), errors);
        });
        return command;
    }

    private static async Task<int> FindAsync(string? scenarioPath, ScenarioSettings flags, FindLimitSettings search, string? startText, List<string> errors)
    {
        var settings = scenarioPath is null ? new ScenarioSettings() : ScenarioFile.Load(scenarioPath, errors);
        var shaped = settings.All("stage").Concat([settings["trace"]]).OfType<Setting>().FirstOrDefault();
        if (shaped is not null)
        {
            // The steps are the load profile here; a scenario's own would conflict with every step's rate.
            return RunCommand.Fail([.. errors, $"{shaped.Label}: find-limit sets each step's load itself; use a scenario without stages or a trace"]);
        }

        var ignored = new List<string>();
        ApplySearch(settings, flags, search.By, startText ?? FindLimitSettings.DefaultStart.ToString(CultureInfo.InvariantCulture), ignored, errors);
        var builder = new RunOptionsBuilder(settings);
        var options = builder.Build(scenarioPath, () => DateTimeOffset.UtcNow);
        errors.AddRange(builder.Errors);
        if (options is not null)
        {
            search = search with
            {
                Start = search.By == LoadAxis.Rate ? options.Load.Rate!.Value : options.Load.Concurrency!.Value,
                StepGrace = options.Load.Grace,
                BudgetUsd = options.Cost.BudgetUsd,
            };
            CheckBudgets(search, options, errors);
        }

        var simulatorOptions = options is { Url: null } ? EmbeddedSimulator.Options(options, errors) : null;
        if (options is null || errors.Count > 0)
        {
            return RunCommand.Fail(errors);
        }

        using var stop = new StopSignal();
        await using var simulator = simulatorOptions is null ? null : await SimulatorServer.StartAsync(simulatorOptions);
        // As in llmload run: the embedded server's code is warmed up on a twin without limits.
        await using var warmUpTwin = simulatorOptions is null ? null : await SimulatorServer.StartAsync(new SimulatorOptions { TimeToFirstTokenMs = new(0, 0), InterTokenLatencyMs = new(0, 0) });
        var target = options.Url ?? new Uri(simulator!.BaseAddress, "v1");
        var run = new FindLimitRun(search, options, target, simulator is not null, DateTimeOffset.UtcNow);
        var console = Console();
        Starting(console, run, ignored);
        var interactive = !System.Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        var runner = new LoadRunStepRunner(options, search.By, search.StepDuration, target, simulator is not null, warmUpTwin is null ? null : new Uri(warmUpTwin.BaseAddress, "v1"))
        {
            // A live panel on a terminal; in a log, one line per step is enough.
            Watch = interactive ? (running, counters, load) => ConsoleOutput.Create().ShowProgressAsync(running, counters, load) : null,
            Budget = BudgetGuard.For(options.Cost),
        };
        var limitSearch = new LimitSearch(search, runner)
        {
            StepStarting = plan => console.MarkupLineInterpolated($"step {plan.Index}: {search.By.Format(plan.Load)} for {DurationText.Format(search.StepDuration)} -> {Path.Combine(options.OutDir, "steps", search.By.StepDirectory(plan.Index, plan.Load))}"),
            StepFinished = (step, steps) =>
            {
                FindLimitJson.Write(run, steps, null);
                console.MarkupLine($"        {Verdict(step.Verdict)}{CutShort(step.Measurement)} {Markup.Escape(StepLine(step))}");
            },
        };
        var result = await limitSearch.RunAsync(stop.Token);
        var path = FindLimitJson.Write(run, result.Steps, result);
        Finished(console, result, path);
        return result.Outcome switch
        {
            FindLimitOutcome.KneeFound => ExitCodes.Success,
            FindLimitOutcome.Interrupted => ExitCodes.StoppedEarly,
            FindLimitOutcome.FirstStepFailed => ExitCodes.ThresholdFailed,
            _ => ExitCodes.NoLimitFound,
        };
    }

    /// <summary>Merges the flags over the scenario, with the start load standing in for the axis's setting, and notes what the steps replace.</summary>
    private static void ApplySearch(ScenarioSettings settings, ScenarioSettings flags, LoadAxis axis, string start, List<string> ignored, List<string> errors)
    {
        foreach (var key in new[] { "requests", "duration", axis == LoadAxis.Rate ? "rate" : "concurrency" })
        {
            if (settings[key] is { } setting)
            {
                ignored.Add(setting.Label);
            }
        }

        if (axis == LoadAxis.Concurrency && flags["concurrency"] is { } concurrency)
        {
            errors.Add($"{concurrency.Label}: --by concurrency sets the concurrency of each step itself; use --start for the first");
        }

        if (axis == LoadAxis.Concurrency && settings["rate"] is { } rate)
        {
            errors.Add($"{rate.Label}: --by concurrency runs a closed loop; remove the rate or search --by rate");
        }

        settings.OverrideWith(flags);
        // The builder validates the start as the axis's own setting (the steps then replace it), and an arrival
        // process is accepted because a rate is set.
        settings.Set(axis == LoadAxis.Rate ? "rate" : "concurrency", new Setting(start, "--start"));
        if (settings.All("slo").Count == 0)
        {
            settings.Add("slo", new Setting(DefaultSlo, "the default SLO"));
        }
    }

    private static void CheckBudgets(FindLimitSettings search, RunOptions options, List<string> errors)
    {
        if (options.Load.WarmupDuration >= search.StepDuration)
        {
            errors.Add($"--warmup: {DurationText.Format(options.Load.WarmupDuration)} leaves nothing of a {DurationText.Format(search.StepDuration)} step to measure");
        }

        if (search.By == LoadAxis.Rate && double.IsPositiveInfinity(search.Start))
        {
            errors.Add("--start: a step needs a finite rate, e.g. 10");
        }

        var step = search.StepDuration + search.StepGrace;
        if (search.MaxTime < step)
        {
            errors.Add($"--max-time: {DurationText.Format(search.MaxTime)} is less than one step ({DurationText.Format(search.StepDuration)} and up to {DurationText.Format(search.StepGrace)} of grace)");
        }

        var first = Math.Ceiling(search.Start * search.StepDuration.TotalSeconds);
        if (search.By == LoadAxis.Rate && double.IsFinite(first) && search.MaxRequests < first)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"--max-requests: {search.MaxRequests} is less than the first step sends ({search.Start} req/s for {DurationText.Format(search.StepDuration)} = {first})"));
        }
    }

    private static void Starting(IAnsiConsole console, FindLimitRun run, List<string> ignored)
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

    private static void Finished(IAnsiConsole console, FindLimitResult result, string path)
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

    private static string StepLine(StepResult step)
    {
        var m = step.Measurement;
        var line = I($"achieved {m.AchievedRate:0.##} req/s, TTFT p95 {Ms(m.TtftP95Ms)} ms, errors {m.ErrorRate:0.#%}");
        return step.Reasons.Count == 0 ? line : line + " - " + string.Join("; ", step.Reasons);
    }

    private static string Verdict(StepVerdict verdict) => verdict == StepVerdict.Ok ? "[green]ok[/]" : $"[red]{verdict.ToWireName()}[/]";

    private static IAnsiConsole Console()
    {
        if (System.Console.IsOutputRedirected)
        {
            // Logs read best unwrapped: a step's reasons stay on its line, and tables take the width they need.
            AnsiConsole.Profile.Width = 1000;
        }

        return AnsiConsole.Console;
    }

    private static string Ms(double? value) => value is { } v ? I($"{v:0}") : "-";

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static T? Parse<T>(string? value, string label, Func<string, T?> parse, List<string> errors)
        where T : struct
    {
        if (value is null)
        {
            return null;
        }

        try
        {
            return parse(value);
        }
        catch (FormatException ex)
        {
            errors.Add($"{label}: {ex.Message}, got '{value}'");
            return null;
        }
    }

    private static LoadAxis? ParseAxis(string value) => value.ToLowerInvariant() switch
    {
        "rate" => LoadAxis.Rate,
        "concurrency" => LoadAxis.Concurrency,
        _ => throw new FormatException("expected rate or concurrency"),
    };

    private static TimeSpan? ParsePositiveDuration(string value)
        => DurationText.TryParse(value, out var duration) && duration > TimeSpan.Zero ? duration : throw new FormatException("expected " + DurationText.Expected + ", greater than zero");

    private static long? ParseCount(string value)
        => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) && count >= 1 ? count : throw new FormatException("expected a whole number of at least 1");

    private static double? ParseTolerance(string value)
    {
        var percent = value.EndsWith('%');
        return double.TryParse(percent ? value[..^1] : value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
               && (percent ? number / 100 : number) is > 0 and < 1 and var share
            ? share
            : throw new FormatException("expected a share between 0 and 1 such as 5% or 0.05");
    }
}
