using LlmLoad.Engine;

namespace LlmLoad.Recording;

/// <summary>Counts finished requests, failures, output tokens and spend into the counters the live progress shows.</summary>
internal sealed class LiveCounterSink(LiveCounters counters) : IRequestSink
{
    public void OnRecord(RequestMeasurement measurement)
    {
        var record = measurement.Record;
        counters.AddCost(record.CostUsd);
        counters.AddFinished(!record.Succeeded, record.OutputTokens ?? 0);
    }
}
