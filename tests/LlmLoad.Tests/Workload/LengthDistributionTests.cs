using LlmLoad.Workload;

namespace LlmLoad.Tests.Workload;

public sealed class LengthDistributionTests
{
    [Theory]
    [InlineData("512", "512")]
    [InlineData("512:128", "normal:512:128")]
    [InlineData("normal:512:128:16:4096", "normal:512:128:16:4096")]
    [InlineData("uniform:100:900", "uniform:100:900")]
    [InlineData("LogNormal:800:400", "lognormal:800:400")]
    [InlineData("empirical", "empirical")]
    public void TryParse_EachForm_RoundTrips(string text, string expected)
    {
        Assert.True(LengthDistribution.TryParse(text, out var distribution, out var error), error);
        Assert.Equal(expected, distribution.ToString());
    }

    [Theory]
    [InlineData("0", "at least 1 token")]
    [InlineData("many", "'many' is not a number of tokens")]
    [InlineData("uniform:900:100", "1 <= MIN <= MAX")]
    [InlineData("normal:500", "expected normal:MEAN:SD or normal:MEAN:SD:MIN:MAX")]
    [InlineData("normal:500:100:900:100", "MIN must not be above MAX")]
    [InlineData("lognormal:0:10", "mean above 0")]
    [InlineData("poisson:5", "expected a length")]
    public void TryParse_BadLength_SaysWhatWasExpected(string text, string expected)
    {
        Assert.False(LengthDistribution.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.StartsWith($"'{text}'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Sample_LogNormal_HasTheGivenMeanAndSpreadWithALongRightTail()
    {
        var lengths = Draw("lognormal:800:400", 20_000);

        var mean = lengths.Average();
        var sd = Math.Sqrt(lengths.Average(l => (l - mean) * (l - mean)));
        Assert.InRange(mean, 780, 820);
        Assert.InRange(sd, 370, 430);
        Assert.True(lengths.Order().ElementAt(lengths.Count / 2) < mean, "the median of a lognormal lies below its mean");
    }

    [Fact]
    public void Sample_Bounds_ClampEveryDrawAndUniformCoversItsRange()
    {
        Assert.All(Draw("normal:100:400:50:150", 5000), l => Assert.InRange(l, 50, 150));
        var uniform = Draw("uniform:10:13", 4000);
        Assert.Equal([10, 11, 12, 13], uniform.Distinct().Order());
        Assert.All(Draw("300:200", 5000), l => Assert.True(l >= 1));
    }

    private static List<int> Draw(string text, int count)
    {
        Assert.True(LengthDistribution.TryParse(text, out var distribution, out var error), error);
        var random = new Random(5);
        return [.. Enumerable.Range(0, count).Select(_ => distribution.Sample(random))];
    }
}
