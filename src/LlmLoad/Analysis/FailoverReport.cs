namespace LlmLoad.Analysis;

/// <summary>
/// What one drilled outage showed (docs/failover.md): how fast traffic left the failed target, what the users saw
/// while it moved and during the outage, whether the fallback held the surge, and how fast traffic came back.
/// Times are seconds; null when it did not happen in the run.
/// </summary>
internal sealed record FailoverReport(string Target, string Kind, double StartS, double EndS)
{
    /// <summary>Outage start → the first request served by another target after it failed on (or was routed away from) this one.</summary>
    public double? FirstFailoverS { get; init; }

    /// <summary>Outage start → the start of the first second in which 95 % of the requests sent went first to (and were served by) the other targets.</summary>
    public double? FailoverTimeS { get; init; }

    /// <summary>Requests sent during the shift (start → failover time), their errors and latency.</summary>
    public PhaseFigures Shift { get; init; } = PhaseFigures.Empty;

    /// <summary>Every request sent during the outage window.</summary>
    public PhaseFigures During { get; init; } = PhaseFigures.Empty;

    /// <summary>The other targets' own requests before the outage and during it (the surge).</summary>
    public PhaseFigures FallbackBefore { get; init; } = PhaseFigures.Empty;

    public PhaseFigures FallbackDuring { get; init; } = PhaseFigures.Empty;

    /// <summary>Outage end → the start of the first second in which the failed target again took 95 % of its share before the outage.</summary>
    public double? RecoveryTimeS { get; init; }

    /// <summary>The failed target's share of the requests sent before the outage.</summary>
    public double? ShareBefore { get; init; }
}

/// <summary>Requests of one phase of a drill: how many, how many failed, and their E2E (from the first attempt's send).</summary>
internal sealed record PhaseFigures(long Requests, long Errors, LatencyStats E2eMs)
{
    public static PhaseFigures Empty { get; } = new(0, 0, LatencyStats.Empty);

    public double? SuccessShare => Requests > 0 ? (double)(Requests - Errors) / Requests : null;
}
