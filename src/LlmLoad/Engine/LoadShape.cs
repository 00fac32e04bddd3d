using LlmLoad.Traffic;

namespace LlmLoad.Engine;

/// <summary>
/// When requests are sent and when sending stops. Open loop when <see cref="Rate"/>, a
/// <see cref="Trace"/> or stages in arrivals per second are set (<see cref="Concurrency"/> then caps
/// requests in flight); otherwise a closed loop of <see cref="Concurrency"/> workers, or of the users
/// that the stages ask for.
/// </summary>
internal sealed record LoadShape
{
    public int? Concurrency { get; init; }

    public double? Rate { get; init; }

    /// <summary>A load that changes over time (<c>--stage</c>, <c>stages:</c>); <see cref="Duration"/> is then their total.</summary>
    public StagePlan? Stages { get; init; }

    /// <summary>Arrivals to replay (<c>--trace</c>); their offsets are multiplied by <see cref="TraceTimeScale"/>.</summary>
    public IReadOnlyList<TraceArrival>? Trace { get; init; }

    public double TraceTimeScale { get; init; } = 1;

    public ArrivalProcess Arrival { get; init; } = new(ArrivalKind.Poisson);

    public int Seed { get; init; }

    /// <summary>Measured (non-warm-up) requests to send before stopping.</summary>
    public long? Requests { get; init; }

    /// <summary>How long to keep sending, warm-up included.</summary>
    public TimeSpan? Duration { get; init; }

    public int WarmupRequests { get; init; }

    public TimeSpan WarmupDuration { get; init; }

    /// <summary>How long requests still in flight may finish after a duration end or an interrupt.</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Which share of the seeded run this process sends (<c>--segment K/N</c>); the whole run by default.</summary>
    public ExecutionSegment Segment { get; init; } = ExecutionSegment.Whole;

    public bool IsOpenLoop => Rate is not null || Trace is not null || Stages?.Unit == LoadUnit.Rate;

    /// <summary>The open loop's arrivals.</summary>
    public IArrivals Arrivals() => Trace is not null ? new TraceReplay(Trace, TraceTimeScale)
        : Stages is not null ? new ArrivalSchedule(Stages.Curve, Arrival, Seed)
        : ArrivalSchedule.ForRate(Rate!.Value, Arrival, Seed);

    /// <summary>The stage running at <paramref name="offset"/>, or null without stages.</summary>
    public Stage? StageAt(TimeSpan offset) => Stages?.At(offset.TotalSeconds);
}
