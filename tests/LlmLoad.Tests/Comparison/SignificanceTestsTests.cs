using LlmLoad.Comparison;
using LlmLoad.Shared;

namespace LlmLoad.Tests.Comparison;

/// <summary>The tests' p-values against SciPy 1.10.1's (the values in the comments were printed by it).</summary>
public sealed class SignificanceTestsTests
{
    [Fact]
    public void MannWhitney_SamplesWithTies_MatchesScipyAsymptoticWithContinuity()
    {
        // mannwhitneyu(x, y, alternative="two-sided", method="asymptotic", use_continuity=True) -> U 17.5, p 0.04659370337113193
        double[] x = [1.2, 2.0, 2.0, 3.1, 4.0, 5.5, 2.0, 3.1];
        double[] y = [2.0, 3.1, 3.1, 4.0, 6.2, 7.0, 8.4, 4.0, 9.9, 3.1];
        Array.Sort(x);
        Array.Sort(y);

        var (u, p) = MannWhitney.Test(x, y);

        Assert.Equal(17.5, u, 9);
        Assert.Equal(0.04659370337113193, p, 6);
        Assert.Equal(p, MannWhitney.Test(y, x).P, 12);
        Assert.Equal(62.5, MannWhitney.Test(y, x).U, 9);
    }

    [Fact]
    public void MannWhitney_EveryValueTied_IsNotSignificant()
    {
        double[] same = [5, 5, 5, 5];

        Assert.Equal(1, MannWhitney.Test(same, same).P);
        Assert.Equal(1, MannWhitney.Test([], same).P);
    }

    [Fact]
    public void MannWhitney_ShiftedSamples_AreSignificant_AndIdenticalOnesAreNot()
    {
        var a = Enumerable.Range(0, 300).Select(i => 200.0 + (i % 40)).Order().ToArray();
        var shifted = a.Select(v => v + 15).ToArray();

        Assert.True(MannWhitney.Test(a, shifted).P < 1e-6);
        Assert.True(MannWhitney.Test(a, a).P > 0.99);
    }

    [Theory]
    [InlineData(1.96, 0.04999579029644087)] // 2 * norm.sf(1.96)
    [InlineData(3.5, 0.00046525815807105004)] // 2 * norm.cdf(-3.5)
    [InlineData(6, 1.973175290075389e-09)] // 2 * norm.sf(6)
    [InlineData(0, 1)]
    public void TwoSidedP_MatchesScipy(double z, double expected)
        => Assert.True(Math.Abs(NormalDistribution.TwoSidedP(z) - expected) <= 2e-7 * expected, $"{NormalDistribution.TwoSidedP(z)} vs {expected}");

    [Fact]
    public void TwoProportion_10Versus25FailuresPer1000_MatchesTheTextbookZ()
    {
        // Pooled z = 2.557943557892809, 2 * norm.sf(z) = 0.010529318065282926
        Assert.Equal(0.010529318065282926, TwoProportionTest.P(10, 1000, 25, 1000)!.Value, 6);
        Assert.Equal(1, TwoProportionTest.P(0, 400, 0, 400));
        Assert.Null(TwoProportionTest.P(0, 0, 1, 10));
    }
}
