using LlmLoad.Traffic;

namespace LlmLoad.Engine;

/// <summary>
/// When requests are sent and when sending stops. Open loop when <see cref="Rate"/> is set
/// (<see cref="Concurrency"/> then caps requests in flight); otherwise a closed loop of
/// <see cref="Concurrency"/> workers.
/// </summary>
internal sealed record LoadShape
{
    public int? Concurrency { get; init; }

    public double? Rate { get; init; }

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

    public bool IsOpenLoop => Rate is not null;
}
