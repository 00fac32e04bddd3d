using LlmLoad.Recording;
using LlmLoad.Traffic;

namespace LlmLoad.Analysis;

/// <summary>
/// The figures of one stage. Latency, errors and tokens cover the requests scheduled in the stage,
/// counted even in a warm-up or cool-down stage; the achieved rates count what completed within the
/// stage's span, whichever stage sent it, which is what a dashboard watching the server would show.
/// </summary>
internal sealed class StageStatistics(Stage stage)
{
    public Stage Stage => stage;

    /// <summary>The requests scheduled in this stage, as if all were measured.</summary>
    public RunStatistics Requests { get; } = new();

    /// <summary>Arrivals scheduled in the stage: sent, plus dropped at a full concurrency cap.</summary>
    public long Offered { get; internal set; }

    public long Dropped { get; internal set; }

    /// <summary>Requests that ended within the stage's span, successful or not.</summary>
    public long CompletedWithin { get; internal set; }

    /// <summary>Successful requests that ended within the stage's span.</summary>
    public long SucceededWithin { get; internal set; }

    public long OutputTokensWithin { get; internal set; }

    public double OfferedRate => PerSecond(Offered);

    public double AchievedRate => PerSecond(SucceededWithin);

    public double OutputTokensPerSecond => PerSecond(OutputTokensWithin);

    private double PerSecond(long count) => stage.Seconds > 0 ? count / stage.Seconds : 0;
}

/// <summary>Splits a staged run's requests by stage (see <see cref="StageStatistics"/>); fed by the recorder thread.</summary>
internal sealed class StageBreakdown(StagePlan plan) : IRequestSink
{
    private readonly Dictionary<Stage, StageStatistics> _byStage = plan.Stages.ToDictionary(s => s, s => new StageStatistics(s));

    public IReadOnlyList<StageStatistics> Stages => [.. plan.Stages.Select(s => _byStage[s])];

    public void OnRecord(RequestMeasurement measurement)
    {
        if (measurement.Stage is { } stage)
        {
            Add(stage, measurement);
        }
    }

    public void OnDropped(DroppedArrival arrival)
    {
        if (arrival.Stage is { } stage)
        {
            AddDropped(stage);
        }
    }

    public void AddDropped(Stage stage)
    {
        _byStage[stage].Offered++;
        _byStage[stage].Dropped++;
    }

    public void Add(Stage stage, RequestMeasurement measurement)
    {
        var record = measurement.Record;
        var own = _byStage[stage];
        own.Offered++;
        own.Requests.Add(record.Warmup ? measurement with { Record = record with { Warmup = false } } : measurement);

        var endSeconds = (record.SentMs + (record.E2eMs ?? 0)) / 1000;
        if (endSeconds <= plan.Curve.TotalSeconds)
        {
            var ending = _byStage[plan.At(endSeconds)];
            ending.CompletedWithin++;
            ending.SucceededWithin += record.Succeeded ? 1 : 0;
            ending.OutputTokensWithin += record.Succeeded ? record.OutputTokens ?? 0 : 0;
        }
    }
}
