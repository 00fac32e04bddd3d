using LlmLoad.Traffic;

namespace LlmLoad.Analysis.Stability;

/// <summary>A stretch of constant load whose first and last tenth are compared: a stage at one level, or a whole run without stages.</summary>
/// <param name="Stage">The stage, or null for the whole run.</param>
internal sealed record Hold(Stage? Stage, double StartMs, double EndMs)
{
    public double Seconds => (EndMs - StartMs) / 1000;

    public double TenthMs => (EndMs - StartMs) / 10;

    public bool InFirstTenth(double sentMs) => sentMs >= StartMs && sentMs < StartMs + TenthMs;

    public bool InLastTenth(double sentMs) => sentMs >= EndMs - TenthMs && sentMs <= EndMs;

    /// <summary>
    /// The holds of a run: its measured stages whose every segment stays at one level, or, without stages, the run
    /// from its first measured send to its last when its load is constant (a rate or a concurrency, not a trace).
    /// Those shorter than the rule's minimum are left out.
    /// </summary>
    public static IReadOnlyList<Hold> Of(IReadOnlyList<Stage> stages, bool constantRun, IReadOnlyList<LatencySample> samples, DriftRule rule)
    {
        var holds = new List<Hold>();
        if (stages.Count > 0)
        {
            foreach (var stage in stages.Where(s => s.Measured && s.Segments.Count > 0 && s.Segments.All(g => g.From == g.To && g.To == s.Segments[0].From && g.To > 0)))
            {
                holds.Add(new Hold(stage, stage.StartSeconds * 1000, stage.EndSeconds * 1000));
            }
        }
        else if (constantRun)
        {
            var measured = samples.Where(s => !s.Warmup).Select(s => s.SentMs).ToList();
            if (measured.Count > 0)
            {
                holds.Add(new Hold(null, measured.Min(), measured.Max()));
            }
        }

        return [.. holds.Where(h => h.Seconds >= rule.MinHoldSeconds)];
    }
}
