using LlmLoad.Recording;

namespace LlmLoad.Analysis.Slo;

/// <summary>
/// Checks the objectives written with <c>,abort=D</c> while the run goes: about once a second, each over
/// the measured requests completed in its last D (once the run has completed requests for D). When one
/// fails there, it trips, and the engine stops sending as on Ctrl-C (k6's abortOnFail with delayAbortEval).
/// Fed by the recorder thread.
/// </summary>
internal sealed class SloAbortWatch : IRequestSink, IDisposable
{
    /// <summary>Fewer completions than this in a window say too little to stop a run on.</summary>
    public const int MinRequests = 10;

    private const double CheckEveryMs = 1000;

    private readonly IReadOnlyList<ServiceLevelObjective> _all;
    private readonly IReadOnlyList<ServiceLevelObjective> _aborting;
    private readonly double _longestMs;
    private readonly Queue<(double CompletedMs, RequestMeasurement Measurement)> _recent = new();
    private readonly CancellationTokenSource _tripped = new();
    private double? _firstMs;
    private double _nextCheckMs;

    /// <param name="objectives">All the run's objectives: goodput counts each request against every per-request one.</param>
    public SloAbortWatch(IReadOnlyList<ServiceLevelObjective> objectives)
    {
        _all = objectives;
        _aborting = [.. objectives.Where(o => o.AbortAfter is not null)];
        _longestMs = _aborting.Max(o => o.AbortAfter!.Value.TotalMilliseconds);
    }

    public CancellationToken Tripped => _tripped.Token;

    /// <summary>Set once, when an objective fails live; read after the run.</summary>
    public SloAbort? Abort { get; private set; }

    /// <summary>Measured requests only: warm-up requests do not count against an objective.</summary>
    public void OnRecord(RequestMeasurement measurement)
    {
        if (!measurement.Record.Warmup)
        {
            Observe(measurement, measurement.CompletedMs);
        }
    }

    public void Observe(RequestMeasurement measurement, double completedMs)
    {
        if (Abort is not null)
        {
            return;
        }

        _firstMs ??= completedMs;
        _recent.Enqueue((completedMs, measurement));
        while (_recent.Peek().CompletedMs < completedMs - _longestMs)
        {
            _recent.Dequeue();
        }

        if (completedMs >= _nextCheckMs)
        {
            _nextCheckMs = completedMs + CheckEveryMs;
            Check(completedMs);
        }
    }

    public void Dispose() => _tripped.Dispose();

    private void Check(double nowMs)
    {
        foreach (var objective in _aborting)
        {
            var windowMs = objective.AbortAfter!.Value.TotalMilliseconds;
            if (nowMs - _firstMs < windowMs)
            {
                continue;
            }

            var stats = new RunStatistics(_all);
            foreach (var (completedMs, measurement) in _recent)
            {
                if (completedMs >= nowMs - windowMs)
                {
                    stats.Add(measurement);
                }
            }

            if (stats.Measured < MinRequests)
            {
                continue;
            }

            var seconds = windowMs / 1000;
            var result = SloCheck.Evaluate([objective], stats, stats.Succeeded / seconds, stats.OutputTokens / seconds)[0];
            if (result is { Passed: false, Measured: { } measured })
            {
                Abort = new SloAbort(objective, measured, stats.Measured, nowMs);
                _tripped.Cancel();
                return;
            }
        }
    }
}
