using LlmLoad.Analysis;
using LlmLoad.Cost;
using LlmLoad.Engine;
using LlmLoad.Options;
using LlmLoad.Recording;
using LlmLoad.Reporting;
using LlmLoad.Runs;
using LlmLoad.Telemetry;

namespace LlmLoad.FindLimit;

/// <summary>
/// Runs each step as a normal <see cref="LoadRun"/> into OUT/steps/NN-LOAD/ (requests.jsonl, timeseries.csv,
/// summary.json): the run's settings with the step's load, sending for the step's duration. The run waits for
/// the requests in flight (for up to its grace, then cancels them), so the next step starts on a drained server.
/// </summary>
/// <param name="run">The validated settings; their load's rate (or concurrency) and length are replaced per step, and each step has their warm-up.</param>
internal sealed class LoadRunStepRunner(RunOptions run, LoadAxis axis, TimeSpan stepDuration, Uri targetUrl, bool embeddedSimulator, Uri? warmUpUrl) : IStepRunner
{
    /// <summary>Watches a step while it runs (the console's progress line): the running task, its live counters and its load.</summary>
    public Func<Task, LiveCounters, LoadShape, Task>? Watch { get; init; }

    /// <summary>The search's cost budget, one guard for every step; null for none.</summary>
    public BudgetGuard? Budget { get; init; }

    /// <summary>The search's live metrics, one set for every step; null for none.</summary>
    public RunMetrics? LiveMetrics { get; init; }

    public async Task<StepMeasurement> RunAsync(StepPlan plan, CancellationToken interrupt)
    {
        var directory = Path.Combine("steps", axis.StepDirectory(plan.Index, plan.Load));
        var options = run with
        {
            OutDir = Path.Combine(run.OutDir, directory),
            Load = run.Load with
            {
                Rate = axis == LoadAxis.Rate ? plan.Load : null,
                Stages = null,
                Trace = null,
                Concurrency = axis == LoadAxis.Rate ? run.Load.Concurrency : (int)plan.Load,
                Duration = stepDuration,
                // The cap counts measured requests only; the warm-up's come out of the budget first. (A warm-up
                // given as a duration is counted ahead on the rate axis only: on the other its rate is unknown.)
                Requests = plan.MaxRequests is { } budget ? Math.Max(1, budget - ExpectedWarmup(plan.Load)) : null,
            },
        };
        var loadRun = new LoadRun(options, targetUrl, embeddedSimulator, warmUpUrl) { SharedBudget = Budget, LiveMetrics = LiveMetrics };
        var running = loadRun.RunAsync(interrupt);
        if (Watch is not null)
        {
            await Watch(running, loadRun.Counters, options.Load).ConfigureAwait(false);
        }

        var report = await running.ConfigureAwait(false);
        var timeline = StepTimeline.Read(Path.Combine(options.OutDir, RequestLog.FileName), report.Engine.Dropped);
        return Measure(plan.Load, report, timeline, directory);
    }

    private long ExpectedWarmup(double load)
        => run.Load.WarmupRequests + (axis == LoadAxis.Rate ? (long)Math.Ceiling(load * run.Load.WarmupDuration.TotalSeconds) : 0);

    private StepMeasurement Measure(double load, RunReport report, StepTimeline timeline, string directory)
    {
        var stats = report.Statistics;
        var (achieved, outputTokens) = timeline.Achieved();
        LatencyStats? Of(LatencyMetric metric) => stats.Latency(metric) is { Count: > 0 } latency ? latency : null;
        return new StepMeasurement
        {
            Load = load,
            OfferedRate = axis == LoadAxis.Rate ? timeline.Offered() ?? load : null,
            AchievedRate = achieved,
            OutputTokensPerSecond = outputTokens,
            SteadySeconds = timeline.SteadySeconds,
            TtftP50Ms = Of(LatencyMetric.Ttft)?.P50,
            TtftP95Ms = Of(LatencyMetric.Ttft)?.P95,
            ItlP50Ms = Of(LatencyMetric.Itl)?.P50,
            E2eP95Ms = Of(LatencyMetric.E2e)?.P95,
            E2eMeanMs = Of(LatencyMetric.E2e)?.Mean,
            ErrorRate = stats.Measured == 0 ? 0 : (double)stats.Failed / stats.Measured,
            Requests = stats.Total,
            Trend = timeline.Trend(),
            Slos = report.Slos,
            StoppedBy = report.StoppedBy,
            CostUsd = report.SpentUsd,
            DurationSeconds = report.DurationSeconds,
            Directory = directory,
            Server = StepServer.From(report.Server),
        };
    }
}
