using System.CommandLine;
using LlmLoad.Analysis.Slo;
using LlmLoad.Analysis.Watches;
using LlmLoad.Cli.Output;
using LlmLoad.Engine;
using LlmLoad.Estimate;
using LlmLoad.Reporting;
using LlmLoad.Runs;
using LlmLoad.Scenario;
using LlmLoad.Shared;
using LlmLoad.Simulator;

namespace LlmLoad.Cli;

/// <summary><c>llmload run [SCENARIO.yaml] [options]</c>: one load test; flags override the scenario file.</summary>
internal static class RunCommand
{
    private const string Definitions = """
        Run a load test and write requests.jsonl, summary.json and timeseries.csv into --out. With no --url (and no target
        in the scenario) it runs against the built-in simulator, started on 127.0.0.1: no key, no cost.

        Metrics (per request, from the actual send; the *_from_scheduled variants count from the intended
        send time instead, so a late send is not hidden):
          TTFT       first event carrying generated content - send (a role-only or empty delta is not content)
          E2E        end of the response - send
          TPOT       (last content - first content) / (output tokens - 1)
          ITL        per token: the gap before a chunk carrying k tokens counts as k samples of gap / k
          chunk_gap  raw gap between content events
          schedule_lag  actual send - intended send
        Token counts come from the server's usage (requested with stream_options.include_usage), else from
        the local o200k_base tokenizer. Little's law sizes an open-loop run: concurrency = rate x response time.

        SLOs (--slo, repeatable; slo: list in a scenario) are checked when the run ends: exit 99 if one fails.
          METRIC.STAT OP DURATION  METRIC: ttft, tpot, itl, chunk_gap, e2e, schedule_lag, ttft_from_scheduled,
                                   e2e_from_scheduled; STAT: mean, p50, p90, p95, p99, p99_9, max, min
          error_rate, rate_limited, goodput OP SHARE (1%, 99.5%, or 0.01);  requests_per_s, output_tokens_per_s OP N
          OP: <, <=, >, >=.  Add ,abort=D to also check it while the run goes, over the requests completed in the
          last D: if it fails there, sending stops (exit 3, stopped_by: slo), e.g. 'ttft.p95<800ms,abort=30s'.
          Goodput = measured requests that succeeded and met every ttft/tpot/e2e SLO's
          threshold themselves / all measured requests (failures count); with no such SLO, the success share.

        Stages (--stage, repeatable; stages: list in a scenario) shape the load over time, one after the other:
          ramp [FROM] to TO over D [exponential]   from FROM (default: where the stage before ended) to TO
          hold LEVEL for D                           LEVEL: a rate (20/s, 1200/m) or users (50 users, closed model)
          burst Kx for D                             K times the level the stage before ended on
          diurnal PEAK over D (trough LEVEL | ratio R | weights W1,...,W24)   a day compressed into D
          pause D                                    nothing sent
          Prefix warmup or cooldown: recorded but excluded from statistics. Suffix think D or think D1..D2
          (users: pause after each response) and as NAME. All levels are rates, or all are users.

        Cost (docs/cost.md): each request's cost_usd = uncached input x input price + cached input x cached price +
        output x output price (USD per 1M tokens); a request refused before a response costs 0, a cut stream its input and
        the output received. The price comes from --input-price/--output-price, else --pricing FILE, else the built-in
        table by --model (dated snapshots count as their base model); without one, nothing is priced.
        --budget-usd X: a run whose estimated cost (llmload estimate) exceeds X is refused unless --yes; while it runs,
        each request's worst case (max_tokens, and its prompt x 1.5 + 64 tokens) is reserved before it is sent, and the
        first request that could cross X stops sending: requests in flight finish, exit 3, stopped_by: budget.
        """;

    /// <summary>Cost options (also the setting keys), added by <see cref="AddCostOptions"/> to the commands that price requests.</summary>
    private static readonly (string Name, string Description)[] CostOptions =
    [
        ("pricing", "YAML pricing file over the built-in prices (models: NAME: {input, cached_input?, output, source?, as_of?}, USD per 1M tokens; docs/planning.md) (default: built-in only)"),
        ("input-price", "USD per 1M input tokens, instead of the model's listed price; needs --output-price (default: the model's)"),
        ("cached-input-price", "USD per 1M cached input tokens, with --input-price and --output-price (default: the input price)"),
        ("output-price", "USD per 1M output tokens, instead of the model's listed price; needs --input-price (default: the model's)"),
        ("budget-usd", "hard cap on what the run spends, in USD; needs a price (syntax above) (default: none)"),
        ("target-rate", "requests per second to project the cost to, per hour and per 730 h month (default: the run's achieved rate)"),
    ];

    /// <summary>Option name (also the setting key) → description with its default.</summary>
    private static readonly (string Name, string Description)[] ValueOptions =
    [
        ("url", "base URL of the API, e.g. http://127.0.0.1:8000/v1 (default: the built-in simulator)"),
        ("provider", "wire format: openai (chat completions) or anthropic (messages) (default: openai)"),
        ("simulator", "profile of the built-in simulator when there is no --url: a preset (see llmload simulate --help) or a YAML file; e.g. gpu-server to see queueing, hosted-fast to see rate limits (default: no limits)"),
        ("model", $"model name sent in the request (required with --url; default with the simulator: {RunOptions.DefaultModel})"),
        ("api-key-env", "environment variable holding the API key, never printed or written (default: OPENAI_API_KEY, or ANTHROPIC_API_KEY with --provider anthropic)"),
        ("concurrency", $"most requests in flight; alone it means a closed loop of N workers; with --rate, a cap that must be at least rate x mean response time (Little's law: 50 req/s x 5 s = 250) or arrivals are dropped (default: {RunOptionsBuilder.DefaultConcurrency} without --rate, no cap with it)"),
        ("rate", "open loop: arrivals per second on an absolute clock; 'inf' sends all at once (default: closed loop)"),
        ("arrival", "arrival process with --rate or stages in requests per second: poisson, constant or gamma:SHAPE (default: poisson)"),
        ("trace", "replay the arrival times (and lengths, if given) of a trace: JSON Lines {\"timestamp\": MS, \"input_length\": N, \"output_length\": N} (Mooncake) or CSV with a timestamp column (default: none)"),
        ("time-scale", "multiplies every stage duration or trace timestamp, e.g. 0.01 runs a 10m stage in 6s, 0.5 replays a trace twice as fast (default: 1)"),
        ("requests", $"stop after N measured requests (default: {RunOptionsBuilder.DefaultRequests} when no --duration)"),
        ("duration", "stop sending after D, warm-up included, e.g. 90s, 10m, 1h (default: none)"),
        ("warmup", "N requests or a duration (e.g. 30s) recorded but excluded from statistics (default: 0)"),
        ("input-tokens", "prompt length in tokens: 512, 512:128 (normal), normal:M:SD[:MIN:MAX], uniform:MIN:MAX, lognormal:M:SD[:MIN:MAX], or empirical (the corpus prompts' own) (default: 256)"),
        ("output-tokens", "output length asked for (max tokens), same forms but empirical (default: 64)"),
        ("corpus", "send real prompts: a .jsonl (prompt or messages), .csv (prompt column), .txt (one per line) or ShareGPT .json file, or 'builtin' (default: synthetic prompts)"),
        ("shared-prefix", "K:P: each request starts with one of K shared system prompts of P tokens, to exercise prompt caching (default: none)"),
        ("session-turns", "make every request a multi-turn session (user action) of this many turns, e.g. 3 or uniform:2:6; each turn resends the conversation so far (default: single requests)"),
        ("think-time", "with --session-turns: the pause between an answer and the next turn, D or D1..D2 (default: 0)"),
        ("tokenizer", "o200k_base or cl100k_base, to count and build prompts (default: by the model's family; see docs/workload.md)"),
        ("timeout", "per-request timeout, counted as error class timeout (default: 120s)"),
        ("grace", "after --duration, Ctrl-C or the breaker, how long requests in flight may finish before they are cancelled (default: 10s)"),
        ("breaker", $"stop early, like Ctrl-C, when the measured error rate over a sliding window passes a share: {BreakerSpecParser.Expected} (window defaults to {DurationText.Format(BreakerSpec.DefaultWindow)}, min to {BreakerSpec.DefaultMinRequests} completed requests); exit 3, stopped_by: breaker (default: none)"),
        ("seed", "makes prompts and arrival times reproducible (default: random, written to summary.json)"),
        ("out", "results directory (default: ./llmload-results/<UTC timestamp>)"),
        ("window", "length of each timeseries.csv row, at least 100ms, e.g. 500ms, 10s (default: 1s)"),
        ("max-tokens-field", "request field for the output cap: max_tokens or max_completion_tokens (default: max_tokens)"),
    ];

    public static Command Create()
    {
        var scenario = ScenarioArgument();
        var command = new Command("run", Definitions) { scenario };
        var readSettings = AddSettingOptions(command, "an objective checked at the end, e.g. 'ttft.p95<800ms', 'error_rate<1%', 'goodput>=95%' (syntax above); repeatable; replaces the scenario's slo: list; a failure exits 99 (default: none)");
        var stages = new Option<string[]>("--stage")
        {
            Description = "a stage of the load profile (syntax above), e.g. 'ramp 1/s to 20/s over 10m'; repeatable, run in order; replaces the scenario's stages: list (default: a constant --rate or --concurrency)",
            AllowMultipleArgumentsPerToken = false,
        };
        command.Add(stages);
        var readCost = AddCostOptions(command);
        var yes = new Option<bool>("--yes") { Description = "run even when the estimated cost exceeds --budget-usd (the cap still stops the run when reached)" };
        command.Add(yes);
        command.SetAction(async parse =>
        {
            var (flags, error) = readSettings(parse);
            foreach (var stage in parse.GetValue(stages) ?? [])
            {
                flags.Add("stage", new Setting(stage, "--stage"));
            }

            readCost(parse, flags);
            return error is not null ? Fail([error]) : await RunAsync(parse.GetValue(scenario), flags, parse.GetValue(yes));
        });
        return command;
    }

    /// <summary>The --stage option (repeatable), shared with estimate.</summary>
    internal static Option<string[]> StageOption() => new("--stage")
    {
        Description = "a stage of the load profile (syntax in llmload run --help), e.g. 'ramp 1/s to 20/s over 10m'; repeatable, run in order; replaces the scenario's stages: list (default: a constant --rate or --concurrency)",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>Adds the <see cref="CostOptions"/>; the action returned copies the ones given into the flags. Shared with estimate and find-limit.</summary>
    internal static Action<ParseResult, ScenarioSettings> AddCostOptions(Command command)
    {
        var options = CostOptions.ToDictionary(o => o.Name, o => new Option<string?>("--" + o.Name) { Description = o.Description });
        foreach (var option in options.Values)
        {
            command.Add(option);
        }

        return (parse, flags) =>
        {
            foreach (var (name, option) in options)
            {
                if (parse.GetValue(option) is { } value)
                {
                    flags.Set(name, new Setting(value, "--" + name));
                }
            }
        };
    }

    /// <summary>Reads the scenario file and the flags into validated options, or null with every problem in <paramref name="errors"/>.</summary>
    internal static RunOptions? BuildOptions(string? scenarioPath, ScenarioSettings flags, List<string> errors)
    {
        var settings = scenarioPath is null ? new ScenarioSettings() : ScenarioFile.Load(scenarioPath, errors);
        settings.OverrideWith(flags);
        var builder = new RunOptionsBuilder(settings);
        var options = builder.Build(scenarioPath, () => DateTimeOffset.UtcNow);
        errors.AddRange(builder.Errors);
        return options;
    }

    /// <summary>The optional scenario file argument, shared with find-limit.</summary>
    internal static Argument<string?> ScenarioArgument()
    {
        var scenario = new Argument<string?>("SCENARIO") { Description = "scenario YAML file (see examples/); flags override it", Arity = ArgumentArity.ZeroOrOne };
        scenario.Validators.Add(result =>
        {
            // Without this an unknown option such as --rps would be taken for the scenario file name.
            if (result.GetValueOrDefault<string?>() is { } value && value.StartsWith('-'))
            {
                result.AddError($"unknown option '{value}'");
            }
        });
        return scenario;
    }

    /// <summary>
    /// Adds the target and workload options (--stream/--no-stream, --slo, and every <see cref="ValueOptions"/>
    /// entry not in <paramref name="except"/>) to <paramref name="command"/>; the function returned reads the
    /// ones given back as settings that override a scenario file's, or names the conflict. Shared with find-limit.
    /// </summary>
    internal static Func<ParseResult, (ScenarioSettings Flags, string? Error)> AddSettingOptions(Command command, string sloDescription, params string[] except)
    {
        var stream = new Option<bool>("--stream") { Description = "stream responses over SSE (default: on)" };
        var noStream = new Option<bool>("--no-stream") { Description = "ask for buffered responses instead of a stream" };
        var slos = new Option<string[]>("--slo") { Description = sloDescription, AllowMultipleArgumentsPerToken = false };
        var mix = new Option<string[]>("--mix")
        {
            Description = "a category of the request mix, 'NAME WEIGHT input LENGTH output LENGTH', e.g. 'long_in_short_out 20% input 3000:800 output 150'; repeatable; replaces the scenario's mix: list (default: no categories)",
            AllowMultipleArgumentsPerToken = false,
        };
        var skipBadLines = new Option<bool>("--skip-bad-lines") { Description = "skip malformed corpus lines, counting and reporting them, instead of refusing the corpus (default: off)" };
        command.Add(stream);
        command.Add(noStream);
        command.Add(slos);
        command.Add(mix);
        command.Add(skipBadLines);
        var options = ValueOptions.Where(o => !except.Contains(o.Name)).ToDictionary(o => o.Name, o => new Option<string?>("--" + o.Name) { Description = o.Description });
        foreach (var option in options.Values)
        {
            command.Add(option);
        }

        return parse =>
        {
            var flags = new ScenarioSettings();
            foreach (var (name, option) in options)
            {
                if (parse.GetValue(option) is { } value)
                {
                    flags.Set(name, new Setting(value, "--" + name));
                }
            }

            if (parse.GetValue(stream) && parse.GetValue(noStream))
            {
                return (flags, "--stream, --no-stream: give one or the other");
            }

            if (parse.GetValue(stream) || parse.GetValue(noStream))
            {
                flags.Set("stream", new Setting(parse.GetValue(stream) ? "true" : "false", parse.GetValue(stream) ? "--stream" : "--no-stream"));
            }

            foreach (var category in parse.GetValue(mix) ?? [])
            {
                flags.Add("mix", new Setting(category, "--mix"));
            }

            if (parse.GetValue(skipBadLines))
            {
                flags.Set("skip-bad-lines", new Setting("true", "--skip-bad-lines"));
            }

            foreach (var slo in parse.GetValue(slos) ?? [])
            {
                flags.Add("slo", new Setting(slo, "--slo"));
            }

            return (flags, null);
        };
    }

    private static async Task<int> RunAsync(string? scenarioPath, ScenarioSettings flags, bool yes)
    {
        var errors = new List<string>();
        var options = BuildOptions(scenarioPath, flags, errors);
        var simulatorOptions = options is { Url: null } ? EmbeddedSimulator.Options(options, errors) : null;
        if (options is null || errors.Count > 0)
        {
            return Fail(errors);
        }

        var estimate = options.Cost.Price is null ? null : RunEstimator.Estimate(options);
        if (estimate is { ExceedsBudget: true, CostUsd: { } expected } && !yes)
        {
            return OverBudget(estimate, expected);
        }

        using var stop = new StopSignal();
        await using var simulator = simulatorOptions is null ? null : await SimulatorServer.StartAsync(simulatorOptions);
        // The embedded server's code is warmed up on a twin without limits, so that the warm-up requests
        // neither spend the profile's rate limits nor show in its metrics.
        await using var warmUpTwin = simulatorOptions is null ? null : await SimulatorServer.StartAsync(new SimulatorOptions { TimeToFirstTokenMs = new(0, 0), InterTokenLatencyMs = new(0, 0) });
        var target = options.Url ?? new Uri(simulator!.BaseAddress, "v1");
        var run = new LoadRun(options, target, simulator is not null, warmUpTwin is null ? null : new Uri(warmUpTwin.BaseAddress, "v1"));
        var console = ConsoleOutput.Create();
        console.Starting(options, target, simulator is not null, estimate);
        var running = run.RunAsync(stop.Token);
        await console.ShowProgressAsync(running, run.Counters, options.Load, options.Cost);
        var report = await running;
        console.Finished(report);
        if (report.StoppedBy.IsEarlyStop())
        {
            return ExitCodes.StoppedEarly;
        }

        return report.SlosFailed ? SlosFailed(report) : ExitCodes.Success;
    }

    /// <summary>
    /// The pre-run check of the budget: the expected cost, not the high one, is compared with the cap. The guard stops the
    /// run at the cap whatever happens, so refusing on the high case would only turn away runs that most likely fit.
    /// </summary>
    private static int OverBudget(RunEstimate estimate, EstimateRange expected)
    {
        Console.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"llmload: the estimated cost of this run, {Usd.Format(expected.Expected)} (low {Usd.Format(expected.Low)}, high {Usd.Format(expected.High)}, for {estimate.Requests?.Expected} requests at {estimate.Price!.Model}'s price), exceeds --budget-usd {Usd.Format(estimate.BudgetUsd!.Value)}; nothing was sent."));
        Console.Error.WriteLine("  Lower the load (--requests, --duration, --rate), raise the budget, or pass --yes to run until the budget stops it (exit 3, stopped_by: budget). 'llmload estimate' shows the figures.");
        return ExitCodes.InvalidInput;
    }

    /// <summary>Names the objectives that failed on stderr, where CI logs surface them, after the results are written.</summary>
    private static int SlosFailed(RunReport report)
    {
        var failed = report.Slos.Where(s => !s.Passed).ToList();
        Console.Error.WriteLine($"llmload: {failed.Count} of {report.Slos.Count} SLO{(report.Slos.Count == 1 ? "" : "s")} failed:");
        foreach (var slo in failed)
        {
            Console.Error.WriteLine($"  {slo.Objective.Text}: measured {slo.MeasuredText}");
        }

        return ExitCodes.ThresholdFailed;
    }

    internal static int Fail(List<string> errors)
    {
        Console.Error.WriteLine($"llmload: invalid input ({errors.Count} problem{(errors.Count == 1 ? "" : "s")}), nothing was sent:");
        foreach (var error in errors)
        {
            Console.Error.WriteLine("  " + error);
        }

        return ExitCodes.InvalidInput;
    }
}
