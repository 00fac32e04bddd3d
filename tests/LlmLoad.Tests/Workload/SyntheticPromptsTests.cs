using LlmLoad.Workload;

namespace LlmLoad.Tests.Workload;

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
        var prompts = new SyntheticPrompts(new NormalSpec(tokens, 0), new NormalSpec(16, 0), seed: 5, TokenCounter.Default);

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
        var prompts = new SyntheticPrompts(new NormalSpec(300, 80, 1), new NormalSpec(100, 20, 1), seed: 9, TokenCounter.Default);

        var plans = Enumerable.Range(0, 200).Select(seq => prompts.Create(seq)).ToList();

        Assert.All(plans, p => Assert.Equal(p.InputTokens, TokenCounter.Default.Count(p.Prompt)));
        Assert.InRange(plans.Average(p => p.InputTokens), 285, 315);
        Assert.True(plans.Select(p => p.InputTokens).Distinct().Count() > 50);
        Assert.True(plans.Select(p => p.MaxOutputTokens).Distinct().Count() > 20);
    }

    [Fact]
    public void Create_ManyRequests_NoTwoPromptsAreTheSame()
    {
        var prompts = new SyntheticPrompts(new NormalSpec(32, 0), new NormalSpec(8, 0), seed: 1, TokenCounter.Default);

        var texts = Enumerable.Range(0, 5000).Select(seq => prompts.Create(seq).Prompt).ToList();

        Assert.Equal(texts.Count, texts.Distinct().Count());
    }

    [Fact]
    public void Create_SameSeed_SamePrompts_OtherSeed_OtherPrompts()
    {
        SyntheticPrompts With(int seed) => new(new NormalSpec(64, 10), new NormalSpec(32, 5), seed, TokenCounter.Default);

        Assert.Equal(With(3).Create(17), With(3).Create(17));
        Assert.NotEqual(With(3).Create(17).Prompt, With(4).Create(17).Prompt);
    }
}
