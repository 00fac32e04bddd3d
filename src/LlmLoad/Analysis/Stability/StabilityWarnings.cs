using LlmLoad.Analysis.Server;
using LlmLoad.Traffic;

namespace LlmLoad.Analysis.Stability;

/// <summary>The run's warnings about latency that changed with time: sustained-peak drift per hold, and a cold start.</summary>
internal static class StabilityWarnings
{
    /// <param name="constantRun">A run without stages whose load is one rate or concurrency throughout (not a trace replay).</param>
    public static IEnumerable<string> For(IReadOnlyList<LatencySample> samples, IReadOnlyList<Stage> stages, bool constantRun, ServerMetricsResult? server, DriftRule? rule = null)
    {
        rule ??= DriftRule.Default;
        foreach (var hold in Hold.Of(stages, constantRun, samples, rule))
        {
            if (SustainedDrift.Find(hold, samples, server, rule) is { } drift)
            {
                yield return drift.Warning();
            }
        }

        if (ColdStart.Find(samples) is { } cold)
        {
            yield return cold.Warning();
        }
    }
}
