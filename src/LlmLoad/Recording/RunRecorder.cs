using System.Threading.Channels;
using LlmLoad.Analysis;
using LlmLoad.Analysis.Slo;
using LlmLoad.Cost;
using LlmLoad.Engine;
using LlmLoad.Pricing;
using LlmLoad.Providers;
using LlmLoad.Traffic;
using LlmLoad.Workload;

namespace LlmLoad.Recording;

/// <summary>
/// Turns finished requests into records, statistics and requests.jsonl lines on one background
/// thread, so the request tasks do no tokenizing, histogram or file work.
/// </summary>
internal sealed class RunRecorder
{
    /// <summary>Finished requests, and dropped arrivals (no capture) for the time series' offered rate.</summary>
    private readonly Channel<(ScheduledRequest Request, ResponseCapture? Capture)> _finished =
        Channel.CreateUnbounded<(ScheduledRequest, ResponseCapture?)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly RequestLog _log;
    private readonly LiveCounters _counters;
    private readonly TokenCounter _tokens;
    private readonly TimeProvider _time;
    private readonly long _runStartedAt;
    private readonly IReadOnlyList<ICompletionWatch> _watches;
    private readonly StageBreakdown? _stages;
    private readonly IReadOnlyList<ServiceLevelObjective> _objectives;
    private readonly Dictionary<string, RunStatistics> _categories = new(StringComparer.Ordinal);
    private readonly ModelPrice? _price;
    private readonly BudgetGuard? _budget;
    private readonly Task _consumer;

    public RunRecorder(RequestLog log, LiveCounters counters, TokenCounter tokens, TimeProvider time, long runStartedAt, IEnumerable<ServiceLevelObjective>? objectives = null, TimeSpan? window = null, IReadOnlyList<ICompletionWatch>? watches = null, StagePlan? stages = null, ModelPrice? price = null, BudgetGuard? budget = null)
    {
        TimeSeries = new TimeSeries(window ?? TimeSpan.FromSeconds(1));
        _log = log;
        _counters = counters;
        _tokens = tokens;
        _time = time;
        _runStartedAt = runStartedAt;
        _watches = watches ?? [];
        _stages = stages is null ? null : new StageBreakdown(stages);
        _objectives = [.. objectives ?? []];
        _price = price;
        _budget = budget;
        Statistics = new RunStatistics(objectives);
        _consumer = Task.Run(ConsumeAsync);
    }

    public RunStatistics Statistics { get; }

    public TimeSeries TimeSeries { get; }

    /// <summary>Figures per stage, in stage order; empty without stages.</summary>
    public IReadOnlyList<StageStatistics> Stages => _stages?.Stages ?? [];

    /// <summary>The statistics of each workload category, in the order categories first completed a request; empty without categories.</summary>
    public IReadOnlyDictionary<string, RunStatistics> Categories => _categories;

    /// <summary>Per user action (multi-turn session); empty in a run without sessions.</summary>
    public ActionStatistics Actions { get; } = new();

    public void Post(ScheduledRequest request, ResponseCapture capture) => _finished.Writer.TryWrite((request, capture));

    public void PostDropped(ScheduledRequest request) => _finished.Writer.TryWrite((request, null));

    /// <summary>Records what is queued, flushes the log and returns the final statistics.</summary>
    public async Task<RunStatistics> CompleteAsync()
    {
        _finished.Writer.TryComplete();
        await _consumer.ConfigureAwait(false);
        return Statistics;
    }

    private async Task ConsumeAsync()
    {
        var reader = _finished.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var finished))
            {
                if (finished.Capture is null)
                {
                    TimeSeries.AddDropped(finished.Request.Warmup, _time.GetElapsedTime(_runStartedAt, finished.Request.ScheduledAt).TotalMilliseconds);
                    if (finished.Request.Stage is { } droppedIn)
                    {
                        _stages?.AddDropped(droppedIn);
                    }

                    continue;
                }

                var measurement = Priced(RequestMeasurement.From(finished.Request, finished.Capture, _runStartedAt, _time, _tokens));
                // The reservation made before the send is replaced by the actual cost only now that the tokens are
                // counted: until then the request's worst case stays reserved, which errs on the safe side.
                _budget?.Settle(finished.Request.Request.Plan, measurement.Record.CostUsd ?? 0);
                _counters.AddCost(measurement.Record.CostUsd);
                _log.Append(measurement.Record);
                Statistics.Add(measurement);
                TimeSeries.Add(measurement);
                if (finished.Request.Stage is { } stage)
                {
                    _stages?.Add(stage, measurement);
                }

                if (measurement.Record.Category is { } category)
                {
                    CategoryStatistics(category).Add(measurement);
                }

                Actions.Add(measurement.Record);

                _counters.AddFinished(!measurement.Record.Succeeded, measurement.Record.OutputTokens ?? 0);
                if (!measurement.Record.Warmup)
                {
                    var completedMs = _time.GetElapsedTime(_runStartedAt, finished.Capture.EndAt).TotalMilliseconds;
                    foreach (var watch in _watches)
                    {
                        watch.Observe(measurement, completedMs);
                    }
                }
            }

            _log.Flush();
        }
    }

    private RunStatistics CategoryStatistics(string category)
    {
        if (!_categories.TryGetValue(category, out var statistics))
        {
            statistics = new RunStatistics(_objectives);
            _categories[category] = statistics;
        }

        return statistics;
    }

    private RequestMeasurement Priced(RequestMeasurement measurement)
        => _price is null ? measurement : measurement with { Record = measurement.Record with { Cost = RequestCost.Of(_price, measurement.Record) } };
}
