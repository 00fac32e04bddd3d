using LlmLoad.Workload;

namespace LlmLoad.Tests.Workload;

/// <summary>Synthetic prompts as the workload makes them (through <see cref="PromptSource"/>).</summary>
public sealed class SyntheticPromptsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(128)]
    [InlineData(2048)]
    public void Create_FixedLength_PromptHasExactlyThatManyTokens(int tokens)
    {
        var prompts = Source(tokens.ToString(System.Globalization.CultureInfo.InvariantCulture), "16", 5);

        for (var seq = 0; seq < 20; seq++)
        {
            var plan = prompts.Create(seq);
            Assert.Equal(tokens, plan.InputTokens);
            Assert.Equal(tokens, TokenCounter.Default.Count(plan.Prompt));
        }
    }

    [Fact]
    public void Create_NormalLengths_EachPromptMatchesItsDrawnLengthAndLengthsVary()
    {
        var prompts = Source("300:80", "100:20", 9);

        var plans = Enumerable.Range(0, 200).Select(seq => prompts.Create(seq)).ToList();

        Assert.All(plans, p => Assert.Equal(p.InputTokens, TokenCounter.Default.Count(p.Prompt)));
        Assert.InRange(plans.Average(p => p.InputTokens), 285, 315);
        Assert.True(plans.Select(p => p.InputTokens).Distinct().Count() > 50);
        Assert.True(plans.Select(p => p.MaxOutputTokens).Distinct().Count() > 20);
    }

    [Fact]
    public void Create_ManyRequests_NoTwoPromptsAreTheSame()
    {
        var prompts = Source("32", "8", 1);

        var texts = Enumerable.Range(0, 5000).Select(seq => prompts.Create(seq).Prompt).ToList();

        Assert.Equal(texts.Count, texts.Distinct().Count());
    }

    [Fact]
    public void Create_SameSeed_SamePrompts_OtherSeed_OtherPrompts()
    {
        PromptSource With(int seed) => Source("64:10", "32:5", seed);

        Assert.Equal(With(3).Create(17), With(3).Create(17));
        Assert.NotEqual(With(3).Create(17).Prompt, With(4).Create(17).Prompt);
    }

    private static PromptSource Source(string input, string output, int seed)
    {
        Assert.True(LengthDistribution.TryParse(input, out var inputLength, out _));
        Assert.True(LengthDistribution.TryParse(output, out var outputLength, out _));
        return new PromptSource(new WorkloadSpec { Input = inputLength, Output = outputLength }, seed, TokenCounter.Default);
    }
}
