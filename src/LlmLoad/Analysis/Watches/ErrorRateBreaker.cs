using LlmLoad.Recording;


namespace LlmLoad.Analysis.Watches;

/// <summary>
/// Stops a run whose measured error rate over a sliding window passes the spec's threshold (<c>--breaker</c>).
/// Fed by the recorder thread; tripping cancels <see cref="Tripped"/>, which the engine treats like Ctrl-C.
/// </summary>
internal sealed class ErrorRateBreaker(BreakerSpec spec) : IRequestSink, IDisposable
{
    private readonly ErrorRateWindow _window = new(spec.Window);
    private readonly CancellationTokenSource _tripped = new();

    public CancellationToken Tripped => _tripped.Token;

    /// <summary>Set once, when the breaker trips; read after the run.</summary>
    public BreakerTrip? Trip { get; private set; }

    public void OnRecord(RequestMeasurement measurement)
    {
        if (!measurement.Record.Warmup)
        {
            Observe(measurement.CompletedMs, !measurement.Record.Succeeded);
        }
    }

    /// <summary>One measured request completed (warm-up requests are not observed).</summary>
    public void Observe(double completedMs, bool failed)
    {
        if (Trip is not null)
        {
            return;
        }

        _window.Add(completedMs, failed);
        if (_window.Count >= spec.MinRequests && _window.ErrorRate > spec.Threshold)
        {
            Trip = new BreakerTrip(spec, _window.Failed, _window.Count, completedMs);
            _tripped.Cancel();
        }
    }

    public void Dispose() => _tripped.Dispose();
}
