namespace LlmLoad.Engine;

/// <summary>Why a run stopped sending; written as <c>run.stopped_by</c>.</summary>
public enum StopReason
{
    Completed,
    Duration,
    Requests,
    Budget,
    Breaker,
    Interrupted,

    /// <summary>An objective with <c>abort=D</c> failed over the last D of the run.</summary>
    Slo,
}

public static class StopReasonNames
{
    public static string ToWireName(this StopReason reason) => reason.ToString().ToLowerInvariant();

    /// <summary>A guard (budget, breaker, an aborting SLO, Ctrl-C) cut the run short: exit code 3.</summary>
    public static bool IsEarlyStop(this StopReason reason) => reason is StopReason.Budget or StopReason.Breaker or StopReason.Interrupted or StopReason.Slo;
}
