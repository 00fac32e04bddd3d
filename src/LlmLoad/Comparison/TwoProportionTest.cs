using LlmLoad.Shared;

namespace LlmLoad.Comparison;

/// <summary>
/// The two-sided z-test of two proportions with the pooled variance (error rate, goodput): whether
/// <c>x2/n2</c> differs from <c>x1/n1</c> by more than chance would make it.
/// </summary>
internal static class TwoProportionTest
{
    /// <returns>The p-value; 1 when both proportions are 0 or both 1 (nothing varies); null when a count is 0.</returns>
    public static double? P(long x1, long n1, long x2, long n2)
    {
        if (n1 <= 0 || n2 <= 0)
        {
            return null;
        }

        var pooled = (double)(x1 + x2) / (n1 + n2);
        var variance = pooled * (1 - pooled) * ((1.0 / n1) + (1.0 / n2));
        if (variance <= 0)
        {
            return 1;
        }

        var z = (((double)x2 / n2) - ((double)x1 / n1)) / Math.Sqrt(variance);
        return NormalDistribution.TwoSidedP(z);
    }
}
