namespace LlmLoad.Recording;

/// <summary>
/// A consumer of finished requests: the log, statistics, time windows, stages, categories, budget, live
/// counters, the watches that may stop a run. The <see cref="RunRecorder"/> hands every sink each record in
/// completion order on its one background thread, so a sink needs no locks and never delays a request.
/// A new consumer is a new sink and one line where the run builds its list.
/// </summary>
internal interface IRequestSink
{
    void OnRecord(RequestMeasurement measurement);

    /// <summary>An open-loop arrival that was never sent because the concurrency cap was full: it still counts as offered load.</summary>
    void OnDropped(DroppedArrival arrival)
    {
    }

    /// <summary>The recorder has handled everything queued so far: the moment to flush buffered output.</summary>
    void OnIdle()
    {
    }

    /// <summary>No record follows.</summary>
    void Complete()
    {
    }
}
