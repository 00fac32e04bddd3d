using LlmLoad.Workload;

namespace LlmLoad.Traffic;

/// <summary>A stage placed in the run's time: seconds from the run's start (after any time scale).</summary>
internal sealed record Stage(string Name, StageKind Kind, StageRole Role, double StartSeconds, double Seconds, ThinkTime? Think, IReadOnlyList<LoadSegment> Segments)
{
    public double StartLevel => Segments.Count == 0 ? 0 : Segments[0].From;

    public double EndLevel => Segments.Count == 0 ? 0 : Segments[^1].To;

    public double PeakLevel => Segments.Count == 0 ? 0 : Segments.Max(s => Math.Max(s.From, s.To));

    public double EndSeconds => StartSeconds + Seconds;

    /// <summary>False for warm-up and cool-down stages: their requests are recorded but left out of the statistics.</summary>
    public bool Measured => Role == StageRole.Measured;
}
