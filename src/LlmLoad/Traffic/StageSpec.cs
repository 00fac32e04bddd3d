using LlmLoad.Workload;


namespace LlmLoad.Traffic;

internal enum StageKind
{
    Ramp,
    Hold,
    Burst,
    Diurnal,
    Pause,
}

/// <summary>Warm-up and cool-down stages are sent and recorded like the others but left out of the statistics.</summary>
internal enum StageRole
{
    Measured,
    Warmup,
    Cooldown,
}

/// <summary>What a level counts: open-model arrivals per second, or closed-model concurrent users.</summary>
internal enum LoadUnit
{
    Rate,
    Users,
}

/// <summary>A level as written: a rate (stored per second) or a number of users.</summary>
internal readonly record struct Level(double Value, LoadUnit Unit);

/// <summary>
/// One stage as written (see <see cref="StageText"/>), before it is placed in time: a ramp's missing
/// start and a burst's base are the level the stages before it end on, resolved by <see cref="StagePlan"/>.
/// </summary>
internal sealed record StageSpec
{
    public required StageKind Kind { get; init; }

    public StageRole Role { get; init; }

    /// <summary>The name given with <c>as NAME</c>, or null for the default.</summary>
    public string? Name { get; init; }

    public TimeSpan Duration { get; init; }

    /// <summary>Ramp start (null: continue from the current level); hold level; diurnal peak.</summary>
    public Level? From { get; init; }

    /// <summary>Ramp end; diurnal trough.</summary>
    public Level? To { get; init; }

    public bool Exponential { get; init; }

    /// <summary>Burst multiple of the current level.</summary>
    public double Factor { get; init; }

    /// <summary>Diurnal peak-to-trough ratio (instead of a trough level).</summary>
    public double? Ratio { get; init; }

    /// <summary>Diurnal: the user's 24 hourly weights (instead of the built-in curve).</summary>
    public IReadOnlyList<double>? Weights { get; init; }

    public ThinkTime? Think { get; init; }

    /// <summary>Where the stage was written and what it said, for messages.</summary>
    public string Source { get; init; } = "";
}
