using LlmLoad.Recording;

namespace LlmLoad.Analysis.Stability;

/// <summary>
/// Keeps every successful request's send time, TTFT and TPOT for the checks that need two parts of a run side by side
/// (<see cref="SustainedDrift"/>, <see cref="ColdStart"/>): a rank test needs the values, not a histogram. About 40 bytes
/// a request: a 30-minute hold at 100 req/s keeps 7 MB. Failed requests have no latency to compare and are left out.
/// </summary>
internal sealed class LatencySamples : IRequestSink
{
    private readonly List<LatencySample> _samples = [];

    /// <summary>In completion order; the checks sort what they take by send time.</summary>
    public IReadOnlyList<LatencySample> All => _samples;

    public void OnRecord(RequestMeasurement measurement)
    {
        var record = measurement.Record;
        if (record.Succeeded && record.TtftMs is not null)
        {
            _samples.Add(new LatencySample(record.SentMs, record.TtftMs, record.TpotMs, measurement.Stage, record.Warmup));
        }
    }
}
