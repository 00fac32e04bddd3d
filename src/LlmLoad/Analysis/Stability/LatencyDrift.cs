using LlmLoad.Shared;

namespace LlmLoad.Analysis.Stability;

/// <summary>How one latency moved from a hold's first tenth to its last: the two P95s, the two sample sizes and the rank test's p.</summary>
/// <param name="Metric">"TTFT" or "ITL".</param>
internal sealed record LatencyDrift(string Metric, double FirstP95Ms, double LastP95Ms, int FirstCount, int LastCount, double P)
{
    /// <summary>The comparison of the two tenths, or null when either has fewer requests than the rule needs.</summary>
    public static LatencyDrift? Compare(string metric, double[] first, double[] last, DriftRule rule)
    {
        if (first.Length < rule.MinRequestsPerTenth || last.Length < rule.MinRequestsPerTenth)
        {
            return null;
        }

        Array.Sort(first);
        Array.Sort(last);
        var (_, p) = MannWhitney.Test(first, last);
        return new LatencyDrift(metric, Percentiles.Of(first, 0.95)!.Value, Percentiles.Of(last, 0.95)!.Value, first.Length, last.Length, p);
    }

    /// <summary>Significant, and the P95 grew by the rule's share and by at least <paramref name="floorMs"/>.</summary>
    public bool IsDrift(DriftRule rule, double floorMs)
        => P < rule.Alpha && LastP95Ms > FirstP95Ms * (1 + rule.MinRise) && LastP95Ms - FirstP95Ms >= floorMs;
}
