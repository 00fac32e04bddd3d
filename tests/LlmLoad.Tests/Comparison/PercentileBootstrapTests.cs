using LlmLoad.Comparison;
using LlmLoad.Shared;

namespace LlmLoad.Tests.Comparison;

/// <summary>The direct draw of a resample's percentile against plain resampling, and the intervals it gives.</summary>
public sealed class PercentileBootstrapTests
{
    private static readonly double[] Skewed = Sample(500, seed: 7);

    [Theory]
    [InlineData(0.50)]
    [InlineData(0.95)]
    [InlineData(0.99)]
    public void Resampled_HasTheDistributionOfPlainResampling(double quantile)
    {
        // Compared by rank in the sorted sample: plain resampling (n draws with replacement, then the nearest-rank
        // percentile) and the Beta draw must give the same mean rank and spread, 4000 draws each, fixed seeds.
        const int draws = 4000;
        var n = Skewed.Length;
        var plain = new Random(11);
        var direct = new Random(12);
        var plainRanks = new double[draws];
        var directRanks = new double[draws];
        var resample = new double[n];
        for (var d = 0; d < draws; d++)
        {
            for (var i = 0; i < n; i++)
            {
                resample[i] = Skewed[plain.Next(n)];
            }

            Array.Sort(resample);
            plainRanks[d] = Array.BinarySearch(Skewed, Percentiles.Of(resample, quantile)!.Value);
            directRanks[d] = Array.BinarySearch(Skewed, PercentileBootstrap.Resampled(Skewed, quantile, direct));
        }

        var (plainMean, plainSd) = MeanAndSd(plainRanks);
        var (directMean, directSd) = MeanAndSd(directRanks);
        Assert.True(Math.Abs(plainMean - directMean) < 0.1 * plainSd + 0.3, $"mean rank {directMean} vs {plainMean} (sd {plainSd})");
        Assert.True(Math.Abs(plainSd - directSd) < 0.1 * plainSd, $"sd {directSd} vs {plainSd}");
    }

    [Fact]
    public void DifferenceInterval_ShiftedBy50_Contains50AndExcludes0()
    {
        var candidate = Sample(400, seed: 8).Select(v => v + 50).ToArray();

        var (low, high) = PercentileBootstrap.DifferenceInterval(Skewed, candidate, 0.95, 0.95, 2000, 1);

        Assert.True(low > 0, $"[{low}, {high}]");
        Assert.InRange(50, low, high);
    }

    [Fact]
    public void DifferenceInterval_TwoSamplesOfOneDistribution_Contains0()
    {
        var other = Sample(500, seed: 9);

        var (low, high) = PercentileBootstrap.DifferenceInterval(Skewed, other, 0.95, 0.95, 2000, 1);

        Assert.InRange(0, low, high);
    }

    [Fact]
    public void DifferenceInterval_SameSeed_SameInterval()
        => Assert.Equal(
            PercentileBootstrap.DifferenceInterval(Skewed, Sample(300, 3), 0.99, 0.95, 2000, 5),
            PercentileBootstrap.DifferenceInterval(Skewed, Sample(300, 3), 0.99, 0.95, 2000, 5));

    /// <summary>Log-normal latencies around 200 ms, sorted, with distinct values (a rank is then one value's).</summary>
    private static double[] Sample(int count, int seed)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, count)
            .Select(i => Math.Round(200 * Math.Exp(0.4 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())), 3) + (i * 1e-6))
            .ToArray();
        Array.Sort(values);
        return values;
    }

    private static (double Mean, double Sd) MeanAndSd(double[] values)
    {
        var mean = values.Average();
        return (mean, Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1)));
    }
}
