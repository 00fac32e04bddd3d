namespace LlmLoad.FindLimit;

/// <summary>A step as the search judged it.</summary>
/// <param name="Reasons">Why the verdict is what it is, one phrase per rule that failed; empty when ok.</param>
internal sealed record StepResult(int Index, StepMeasurement Measurement, StepVerdict Verdict, IReadOnlyList<string> Reasons)
{
    public double Load => Measurement.Load;

    /// <summary>A step that ran its course; one cut short (Ctrl-C, the cost budget) is reported but not used by the search.</summary>
    public bool Complete => !Measurement.CutShort;

    /// <summary>What <paramref name="steps"/> cost together, or null when the model has no price.</summary>
    public static decimal? CostUsd(IReadOnlyList<StepResult> steps)
        => steps.Any(s => s.Measurement.CostUsd is not null) ? steps.Sum(s => s.Measurement.CostUsd ?? 0) : null;
}
