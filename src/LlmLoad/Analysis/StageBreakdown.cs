using LlmLoad.Recording;
using LlmLoad.Traffic;

namespace LlmLoad.Analysis;

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
