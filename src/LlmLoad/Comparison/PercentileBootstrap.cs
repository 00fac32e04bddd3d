using LlmLoad.Shared;
using LlmLoad.Traffic;

namespace LlmLoad.Comparison;

/// <summary>
/// A seeded percentile bootstrap of the difference of one percentile between two runs (candidate − base).
/// </summary>
/// <remarks>
/// Resampling n values with replacement and taking the k-th smallest is the same, in distribution, as taking
/// the sorted sample's value at rank ⌈n·B⌉ with B ~ Beta(k, n + 1 − k): a resample is F⁻¹(U₁…Uₙ) for uniform
/// Uᵢ and the empirical quantile function F⁻¹ keeps order, and the k-th smallest of n uniforms is Beta(k, n + 1 − k).
/// So each resample costs two Beta draws instead of n draws and a selection, and 2,000 resamples of a run of
/// any size take microseconds (the one sort of each sample is the cost). A test checks it against plain resampling.
/// </remarks>
internal static class PercentileBootstrap
{
    public const int DefaultResamples = 2000;
    public const int DefaultSeed = 1;

    /// <param name="baseSorted">The base run's values, sorted ascending, not empty.</param>
    /// <param name="candidateSorted">The candidate's, sorted ascending, not empty.</param>
    /// <param name="level">The confidence level, e.g. 0.95.</param>
    /// <returns>The bounds of the equal-tailed interval of the resampled differences.</returns>
    public static (double Low, double High) DifferenceInterval(
        ReadOnlySpan<double> baseSorted, ReadOnlySpan<double> candidateSorted, double quantile, double level, int resamples, int seed)
    {
        var random = new Random(seed);
        var differences = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            differences[r] = Resampled(candidateSorted, quantile, random) - Resampled(baseSorted, quantile, random);
        }

        Array.Sort(differences);
        var tail = (1 - level) / 2;
        var low = (int)Math.Floor(tail * resamples);
        var high = Math.Max(low, (int)Math.Ceiling((1 - tail) * resamples) - 1);
        return (differences[Math.Clamp(low, 0, resamples - 1)], differences[Math.Clamp(high, 0, resamples - 1)]);
    }

    /// <summary>The q-quantile of one bootstrap resample of <paramref name="sorted"/>, drawn directly (see the remarks).</summary>
    public static double Resampled(ReadOnlySpan<double> sorted, double quantile, Random random)
    {
        var n = sorted.Length;
        var k = Percentiles.Rank(quantile, n);
        var a = GammaSampler.Sample(random, k);
        var b = GammaSampler.Sample(random, n + 1 - k);
        var index = (int)Math.Ceiling(n * (a / (a + b)));
        return sorted[Math.Clamp(index, 1, n) - 1];
    }
}
