using LlmLoad.Workload;

namespace LlmLoad.Tests.Workload;

public sealed class WorkloadMixTests
{
    internal static readonly string[] Classic =
    [
        "short_in_short_out 40% input uniform:50:499 output uniform:20:300",
        "short_in_long_out 25% input uniform:50:499 output uniform:500:1500",
        "long_in_short_out 20% input uniform:2001:6000 output uniform:20:300",
        "long_in_long_out 15% input uniform:2001:6000 output uniform:500:1500",
    ];

    [Fact]
    public void Pick_UnderASeed_SharesFollowTheWeights()
    {
        var mix = Mix(Classic);
        var random = new Random(11);

        var counts = Enumerable.Range(0, 4000).Select(_ => mix.Pick(random).Name).GroupBy(n => n).ToDictionary(g => g.Key, g => g.Count() / 4000.0);

        // A share's standard error over 4,000 draws is at most 0.8 points; allow four of them.
        Assert.InRange(counts["short_in_short_out"], 0.40 - 0.032, 0.40 + 0.032);
        Assert.InRange(counts["short_in_long_out"], 0.25 - 0.032, 0.25 + 0.032);
        Assert.InRange(counts["long_in_short_out"], 0.20 - 0.032, 0.20 + 0.032);
        Assert.InRange(counts["long_in_long_out"], 0.15 - 0.032, 0.15 + 0.032);
    }

    [Fact]
    public void Weights_AreRelative()
    {
        var mix = Mix(["a 3 input 10 output 10", "b 1 input 10 output 10"]);

        Assert.Equal(0.75, mix.Share(mix.Categories[0]));
    }

    [Theory]
    [InlineData("short 40%", "expected NAME WEIGHT input LENGTH output LENGTH")]
    [InlineData("short lots input 10 output 10", "'lots' is not a weight")]
    [InlineData("sh@rt 40% input 10 output 10", "a category name is letters")]
    [InlineData("short 40% input 10 output empirical", "an output length cannot be empirical")]
    [InlineData("short 40% input uniform:9:1 output 10", "'uniform:9:1'")]
    public void TryParseEntry_BadEntry_SaysWhatWasExpected(string text, string expected)
    {
        Assert.False(WorkloadMix.TryParseEntry(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_ZeroWeightsOrDuplicateNames()
    {
        Assert.Contains("add up to 0", WorkloadMix.Problem(Entries(["a 0 input 1 output 1", "b 0% input 1 output 1"])), StringComparison.Ordinal);
        Assert.Contains("'a' is given more than once", WorkloadMix.Problem(Entries(["a 1 input 1 output 1", "A 1 input 1 output 1"])), StringComparison.Ordinal);
        Assert.Null(WorkloadMix.Problem(Entries(Classic)));
    }

    internal static WorkloadMix Mix(string[] entries) => new(Entries(entries));

    private static List<WorkloadCategory> Entries(string[] entries) => [.. entries.Select(e =>
    {
        Assert.True(WorkloadMix.TryParseEntry(e, out var category, out var error), error);
        return category;
    })];
}
