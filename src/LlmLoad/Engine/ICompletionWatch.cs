using LlmLoad.Analysis;

namespace LlmLoad.Engine;

/// <summary>Watches measured requests as they complete and may stop the run (the breaker, aborting SLOs).</summary>
internal interface ICompletionWatch
{
    /// <param name="completedMs">When the request ended, in milliseconds of run time.</param>
    void Observe(RequestMeasurement measurement, double completedMs);
}

/// <summary>A reason to stop sending early: when <see cref="Token"/> is cancelled, the run stops as on Ctrl-C, <c>stopped_by</c> <see cref="Reason"/>.</summary>
internal readonly record struct StopTrigger(StopReason Reason, CancellationToken Token);
