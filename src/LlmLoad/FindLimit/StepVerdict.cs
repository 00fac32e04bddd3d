namespace LlmLoad.FindLimit;

/// <summary>What one step says about its load, worst first when several apply (see <see cref="StepJudge"/>).</summary>
internal enum StepVerdict
{
    Ok,
    SloFailed,
    QueueGrowing,
    Saturated,
}

internal static class StepVerdictNames
{
    public static string ToWireName(this StepVerdict verdict) => verdict switch
    {
        StepVerdict.Ok => "ok",
        StepVerdict.SloFailed => "slo_failed",
        StepVerdict.QueueGrowing => "queue_growing",
        _ => "saturated",
    };

    /// <summary>The server could not keep up with the load at all, whatever the SLOs say.</summary>
    public static bool IsCapacityBreak(this StepVerdict verdict) => verdict is StepVerdict.Saturated or StepVerdict.QueueGrowing;
}
