namespace LlmLoad.Shared;

/// <summary>Percentiles of a sorted sample by nearest rank: the value at rank ⌈q·n⌉, always one of the sample's values.</summary>
internal static class Percentiles
{
    /// <summary>The 1-based rank of the q-quantile in a sample of <paramref name="count"/>.</summary>
    public static int Rank(double quantile, int count) => Math.Clamp((int)Math.Ceiling(quantile * count), 1, count);

    /// <summary>The q-quantile (0–1) of <paramref name="sorted"/>; null for an empty sample.</summary>
    public static double? Of(ReadOnlySpan<double> sorted, double quantile)
        => sorted.Length == 0 ? null : sorted[Rank(quantile, sorted.Length) - 1];
}
