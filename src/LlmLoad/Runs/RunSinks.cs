using LlmLoad.Analysis;
using LlmLoad.Analysis.Slo;
using LlmLoad.Analysis.Stability;
using LlmLoad.Analysis.Watches;
using LlmLoad.Cost;
using LlmLoad.Engine;
using LlmLoad.Options;
using LlmLoad.Recording;
using LlmLoad.Telemetry;

namespace LlmLoad.Runs;

/// <summary>
/// Every consumer of one run's finished requests, built once from its options. <see cref="All"/> is the list
/// the recorder feeds, in order; the typed properties are what the report reads when the run is over.
/// A new consumer is one more sink in <see cref="All"/>.
/// </summary>
internal sealed class RunSinks : IDisposable
{
    /// <param name="live">The command's live metrics, fed by one more sink; null without <c>--prometheus-port</c> or <c>--otlp</c>.</param>
    public RunSinks(RunOptions options, RequestLog log, LiveCounters counters, BudgetGuard? budget, TelemetrySink? live = null)
    {
        Statistics = new RunStatistics(options.Slos);
        TimeSeries = new TimeSeries(options.TimeSeriesWindow);
        Stages = options.Load.Stages is { } plan ? new StageBreakdown(plan) : null;
        Categories = new CategoryBreakdown(options.Slos);
        Breaker = options.Breaker is { } breaker ? new ErrorRateBreaker(breaker) : null;
        SloWatch = options.Slos.Any(s => s.AbortAfter is not null) ? new SloAbortWatch(options.Slos) : null;
        Targets = options.Routing is null ? null : new TargetBreakdown(options.Slos);
        Drills = [.. options.Routing?.Outages.Select(o => new FailoverDrill(o)) ?? []];
        All =
        [
            .. budget is null ? [] : new IRequestSink[] { new BudgetSettlement(budget) },
            new LiveCounterSink(counters),
            log,
            Statistics,
            TimeSeries,
            .. Stages is null ? [] : new IRequestSink[] { Stages },
            Categories,
            Actions,
            Latencies,
            .. Breaker is null ? [] : new IRequestSink[] { Breaker },
            .. SloWatch is null ? [] : new IRequestSink[] { SloWatch },
            .. live is null ? [] : new IRequestSink[] { live },
            .. Targets is null ? [] : new IRequestSink[] { Targets },
            .. Drills,
        ];
    }

    public IReadOnlyList<IRequestSink> All { get; }

    public RunStatistics Statistics { get; }

    public TimeSeries TimeSeries { get; }

    /// <summary>Figures per stage; null without stages.</summary>
    public StageBreakdown? Stages { get; }

    public CategoryBreakdown Categories { get; }

    /// <summary>Per user action (multi-turn session); empty in a run without sessions.</summary>
    public ActionStatistics Actions { get; } = new();

    /// <summary>Each successful request's send time, TTFT and TPOT, for the drift and cold-start warnings.</summary>
    public LatencySamples Latencies { get; } = new();

    public ErrorRateBreaker? Breaker { get; }

    /// <summary>Figures per target in a run of several; null otherwise.</summary>
    public TargetBreakdown? Targets { get; }

    /// <summary>One per drilled outage.</summary>
    public IReadOnlyList<FailoverDrill> Drills { get; }

    public SloAbortWatch? SloWatch { get; }

    /// <summary>What may stop sending early: the breaker tripping, an aborting objective failing.</summary>
    public IReadOnlyList<StopTrigger> StopTriggers =>
    [
        .. Breaker is null ? [] : new[] { new StopTrigger(StopReason.Breaker, Breaker.Tripped) },
        .. SloWatch is null ? [] : new[] { new StopTrigger(StopReason.Slo, SloWatch.Tripped) },
    ];

    public void Dispose()
    {
        Breaker?.Dispose();
        SloWatch?.Dispose();
    }
}
