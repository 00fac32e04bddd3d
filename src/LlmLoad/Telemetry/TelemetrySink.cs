using LlmLoad.Recording;

namespace LlmLoad.Telemetry;

/// <summary>Feeds each finished request into the live metrics (<see cref="RunMetrics"/>), on the recorder's thread.</summary>
internal sealed class TelemetrySink : IRequestSink
{
    private readonly RunMetrics _metrics;
    private readonly RequestLabels _labels;

    public TelemetrySink(RunMetrics metrics, RequestLabels labels)
    {
        (_metrics, _labels) = (metrics, labels);
        metrics.Begin(labels);
    }

    public void OnRecord(RequestMeasurement measurement) => _metrics.Record(measurement, _labels);

    public void OnDropped(DroppedArrival arrival) => _metrics.Dropped(_labels);
}
