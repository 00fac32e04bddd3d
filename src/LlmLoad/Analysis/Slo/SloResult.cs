
namespace LlmLoad.Analysis.Slo;

/// <summary>An objective checked against a finished run.</summary>
/// <param name="Measured">The run's value, or null when there was nothing to measure (no successful request for a latency).</param>
internal sealed record SloResult(ServiceLevelObjective Objective, double? Measured)
{
    /// <summary>An objective with nothing measured fails: a run whose every request failed must not pass a latency gate.</summary>
    public bool Passed => Measured is { } value && Objective.Holds(value);

    public string MeasuredText => Measured is { } value ? Objective.Format(value) : "no data";
}
