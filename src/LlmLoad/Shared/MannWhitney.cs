namespace LlmLoad.Shared;

/// <summary>
/// The Mann–Whitney U (Wilcoxon rank-sum) test of two samples, two-sided, by the normal approximation with the
/// tie correction and a continuity correction of ½: the same figures as SciPy's
/// <c>mannwhitneyu(x, y, method="asymptotic", use_continuity=True)</c>. It asks whether a request of one run
/// tends to be slower than a request of the other, without assuming any shape of the distributions.
/// </summary>
internal static class MannWhitney
{
    /// <param name="first">The first sample, sorted ascending.</param>
    /// <param name="second">The second sample, sorted ascending.</param>
    /// <returns>U of <paramref name="first"/> and the two-sided p-value; p is 1 when either sample is empty or every value ties.</returns>
    public static (double U, double P) Test(ReadOnlySpan<double> first, ReadOnlySpan<double> second)
    {
        double n1 = first.Length, n2 = second.Length;
        if (n1 == 0 || n2 == 0)
        {
            return (0, 1);
        }

        // Both are sorted, so a merge walks the pooled sample in order: each run of equal values shares the mean of its ranks.
        double rankSumFirst = 0, tieTerm = 0;
        int i = 0, j = 0;
        long rank = 0;
        while (i < first.Length || j < second.Length)
        {
            var value = j >= second.Length || (i < first.Length && first[i] <= second[j]) ? first[i] : second[j];
            long inFirst = 0, inSecond = 0;
            while (i < first.Length && first[i] == value)
            {
                i++;
                inFirst++;
            }

            while (j < second.Length && second[j] == value)
            {
                j++;
                inSecond++;
            }

            double tied = inFirst + inSecond;
            var meanRank = rank + ((tied + 1) / 2);
            rankSumFirst += inFirst * meanRank;
            tieTerm += (tied * tied * tied) - tied;
            rank += inFirst + inSecond;
        }

        var u = rankSumFirst - (n1 * (n1 + 1) / 2);
        var n = n1 + n2;
        var mean = n1 * n2 / 2;
        var variance = n1 * n2 / 12 * (n + 1 - (tieTerm / (n * (n - 1))));
        if (variance <= 0)
        {
            return (u, 1);
        }

        var z = Math.Max(0, Math.Abs(u - mean) - 0.5) / Math.Sqrt(variance);
        return (u, NormalDistribution.TwoSidedP(z));
    }
}
