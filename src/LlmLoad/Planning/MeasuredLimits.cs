namespace LlmLoad.Planning;

/// <summary>What a find-limit.json says about one replica's capacity.</summary>
/// <param name="File">The file's path relative to the results directory.</param>
/// <param name="Outcome"><c>knee_found</c>, <c>first_step_failed</c>, <c>no_break</c>, <c>interrupted</c>, <c>running</c>.</param>
/// <param name="Knee">Null when no step held.</param>
/// <param name="Saturation">Null when no step kept up.</param>
/// <param name="MeasuredStepDirectory">The directory of the step a plan takes its run figures from (the knee's), relative to the results directory.</param>
internal sealed record MeasuredLimits(
    string File, string Outcome, MeasuredLimit? Knee, MeasuredLimit? Saturation, string? MeasuredStepDirectory, IReadOnlyList<FigureSource> Sources)
{
    /// <summary>True when no step failed: the knee is only a lower bound of what a replica holds.</summary>
    public bool KneeIsLowerBound => Knee is { FailingLoad: null };
}
