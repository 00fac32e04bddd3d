namespace LlmLoad.Shared;

/// <summary>The standard normal distribution's tail, for the p-values of the rank and proportion tests.</summary>
internal static class NormalDistribution
{
    /// <summary>P(|Z| ≥ |z|) for a standard normal Z: the two-sided p-value of a z statistic.</summary>
    public static double TwoSidedP(double z) => Math.Min(1, Erfc(Math.Abs(z) / Math.Sqrt(2)));

    /// <summary>
    /// The complementary error function by the Chebyshev fit of Numerical Recipes (2nd ed., §6.2, <c>erfcc</c>):
    /// fractional error below 1.2e-7 everywhere, far finer than any alpha a user gives. .NET has no erfc of its own.
    /// </summary>
    public static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + (0.5 * z));
        double[] coefficients = [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277];
        var polynomial = 0.0;
        for (var k = coefficients.Length - 1; k >= 0; k--)
        {
            polynomial = coefficients[k] + (t * polynomial);
        }

        var r = t * Math.Exp(-(z * z) + polynomial);
        return x >= 0 ? r : 2 - r;
    }
}
