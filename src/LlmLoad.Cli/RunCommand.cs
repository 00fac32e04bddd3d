using System.CommandLine;
using LlmLoad.Analysis.Slo;
using LlmLoad.Analysis.Watches;
using LlmLoad.Cli.Options;
using LlmLoad.Cli.Output;
using LlmLoad.Distributed;
using LlmLoad.Engine;
using LlmLoad.Estimate;
using LlmLoad.Providers;
using LlmLoad.Providers.Formats;
using LlmLoad.Reporting;
using LlmLoad.Runs;
using LlmLoad.Shared;
using LlmLoad.Simulator;

namespace LlmLoad.Cli;

/// <summary><c>llmload run [SCENARIO.yaml] [options]</c>: one load test; flags override the scenario file.</summary>
internal static class RunCommand
{
    private const string Definitions = """
        Run a load test and write requests.jsonl, summary.json, timeseries.csv, report.html and junit.xml into --out. With no --url (and no target
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

    /// <summary>Distributed runs (docs/distributed.md): options only <c>run</c> takes, also the setting keys (<c>traffic.segment</c>, <c>traffic.start_at</c>).</summary>
    private static readonly (string Name, string Description)[] SegmentOptions =
    [
        ("segment", "send only share K of N of the seeded run (K/N, e.g. 2/4): every N-th arrival, user or session, at the whole run's times and with its prompts; needs --seed, the same on every segment; --requests and --budget-usd are the whole run's, each segment sends and spends its share; 'llmload merge' adds the results up (default: the whole run)"),
        ("start-at", "wait until this UTC time (RFC 3339, e.g. 2026-12-03T15:00:00Z) before sending, so segments on several machines start together; a time more than 5s past is refused (default: start at once)"),
    ];

    /// <summary>A --start-at further in the past than this is a mistake (an old manifest), not a late start.</summary>
    private static readonly TimeSpan StartAtTolerance = TimeSpan.FromSeconds(5);

    public static Command Create()
    {
        var scenario = ScenarioArgument.Create();
        var command = new Command("run", Definitions) { scenario };
        var settings = RunSettingOptions.Add(command, "an objective checked at the end, e.g. 'ttft.p95<800ms', 'error_rate<1%', 'goodput>=95%' (syntax above); repeatable; replaces the scenario's slo: list; a failure exits 99 (default: none)")
            .Stages("above")
            .Cost()
            .Export()
            .Values(SegmentOptions);
        var yes = new Option<bool>("--yes") { Description = "run even when the estimated cost exceeds --budget-usd (the cap still stops the run when reached)" };
        command.Add(yes);
        var check = new Option<bool>("--check") { Description = "send one request (the workload's first), show what was sent and what llmload read back, and stop: exit 0 if the run would measure it, 5 with the reason if not; nothing is written" };
        command.Add(check);
        command.SetAction(async parse =>
        {
            var (flags, error) = settings.Read(parse);
            return error is not null ? InputErrors.Report([error]) : await RunAsync(parse.GetValue(scenario), flags, parse.GetValue(yes), parse.GetValue(check));
        });
        return command;
    }

    private static async Task<int> RunAsync(string? scenarioPath, ScenarioSettings flags, bool yes, bool check)
    {
        var errors = new List<string>();
        var options = RunSettingOptions.Build(scenarioPath, flags, errors);
        var simulatorOptions = options is { Url: null } ? EmbeddedSimulator.Options(options, errors) : null;
        options = options is null || errors.Count > 0 ? options : await RunTarget.WithServedModelAsync(options, errors);
        if (options is null || errors.Count > 0)
        {
            return InputErrors.Report(errors);
        }

        if (options.StartAt is { } startAt && DateTimeOffset.UtcNow - startAt > StartAtTolerance)
        {
            return InputErrors.Report([string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"--start-at: {startAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} is {(DateTimeOffset.UtcNow - startAt).TotalSeconds:0} s in the past (by this machine's clock); give a time still to come, the same for every segment")]);
        }

        if (check)
        {
            await using var checkedTarget = await RunTarget.StartAsync(options, simulatorOptions);
            using var interrupt = new StopSignal();
            var result = await new TargetCheck(options, checkedTarget.Url, checkedTarget.Embedded).RunAsync(interrupt.Token);
            CheckReport.Write(Console.Out, result);
            return result.Passed ? ExitCodes.Success : ExitCodes.CheckFailed;
        }

        if (!options.Load.Segment.IsWhole)
        {
            // What merge checks the segments against, and rebuilds the whole run's options from.
            SegmentManifest.Of(options.Load.Segment, options.Seed, scenarioPath, flags).Write(options.OutDir);
        }

        // A segment's budget is its share, but the estimate is of the whole run: compare it with the whole budget.
        var estimated = options.Load.Segment.IsWhole ? options : options with { Cost = options.Cost with { BudgetUsd = options.Cost.BudgetUsd * options.Load.Segment.Count } };
        var estimate = options.Cost.Price is null ? null : RunEstimator.Estimate(estimated);
        if (estimate is { ExceedsBudget: true, CostUsd: { } expected } && !yes)
        {
            return OverBudget(estimate, expected);
        }

        if (!LiveExport.TryStart(options, out var live, out var liveError))
        {
            return InputErrors.Report([liveError]);
        }

        using var liveMetrics = live;
        using var stop = new StopSignal();
        await using var target = await RunTarget.StartAsync(options, simulatorOptions);
        var run = new LoadRun(options, target.Url, target.Embedded, target.WarmUpUrl) { LiveMetrics = live?.Metrics, Targets = target.Targets };
        var console = ConsoleOutput.Create();
        console.Starting(options, target.Url, target.Embedded, estimate);
        LiveExport.Describe(options, Console.Out);
        var running = run.RunAsync(stop.Token);
        await console.ShowProgressAsync(running, run.Counters, options.Load, options.Cost);
        var report = await running;
        console.Export(report);
        await LiveExport.LingerAsync(options, Console.Out, stop.Token);
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
}
