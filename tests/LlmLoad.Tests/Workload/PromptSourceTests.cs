using LlmLoad.Workload;

namespace LlmLoad.Tests.Workload;

public sealed class PromptSourceTests
{
    [Fact]
    public void Mix_SyntheticPromptsHitTheirDrawnTokenTargetsExactly_PerCategory()
    {
        var source = new PromptSource(new WorkloadSpec { Mix = WorkloadMixTests.Mix(WorkloadMixTests.Classic) }, seed: 3, TokenCounter.Default);

        var plans = Enumerable.Range(0, 60).Select(i => source.Create(i)).ToList();

        Assert.All(plans, p => Assert.Equal(p.InputTokens, TokenCounter.Default.Count(p.Prompt)));
        Assert.All(plans.Where(p => p.Category!.StartsWith("long_in", StringComparison.Ordinal)), p => Assert.InRange(p.InputTokens, 2001, 6000));
        Assert.All(plans.Where(p => p.Category!.EndsWith("long_out", StringComparison.Ordinal)), p => Assert.InRange(p.MaxOutputTokens, 500, 1500));
        Assert.Equal(4, plans.Select(p => p.Category).Distinct().Count());
    }

    [Fact]
    public void SameSeedAndSeq_SamePlan_WhateverTheOrder()
    {
        var spec = new WorkloadSpec { Mix = WorkloadMixTests.Mix(WorkloadMixTests.Classic) };
        var a = new PromptSource(spec, 9, TokenCounter.Default);
        var b = new PromptSource(spec, 9, TokenCounter.Default);

        var forward = Enumerable.Range(0, 10).Select(i => a.Create(i)).ToList();
        var backward = Enumerable.Range(0, 10).Reverse().Select(i => b.Create(i)).Reverse().ToList();

        Assert.Equal(forward.Select(p => (p.Prompt, p.MaxOutputTokens, p.Category)), backward.Select(p => (p.Prompt, p.MaxOutputTokens, p.Category)));
    }

    [Fact]
    public void EmpiricalCategory_TakesCorpusPromptsOfThatCategoryAsTheyAre()
    {
        var corpus = PromptCorpus.BuiltIn();
        var mix = WorkloadMixTests.Mix(["coding 1 input empirical output 100", "long 1 input 3000 output 50"]);
        var source = new PromptSource(new WorkloadSpec { Mix = mix, Corpus = corpus }, seed: 1, TokenCounter.Default);
        var coding = corpus.Entries.Where(e => e.Category == "coding").Select(e => e.Text).ToHashSet();

        var plans = Enumerable.Range(0, 40).Select(i => source.Create(i)).ToList();

        Assert.All(plans.Where(p => p.Category == "coding"), p =>
        {
            Assert.Contains(p.Prompt, coding);
            Assert.Equal(TokenCounter.Default.Count(p.Prompt), p.InputTokens);
        });
        Assert.All(plans.Where(p => p.Category == "long"), p => Assert.Equal(3000, TokenCounter.Default.Count(p.Prompt)));
    }

    [Fact]
    public void SharedPrefix_RequestsShareTheSystemPromptByteForByteAndKeepUniqueSuffixes()
    {
        var source = new PromptSource(new WorkloadSpec { Input = new LengthDistribution.Fixed(40), SharedPrefix = (2, 500) }, seed: 4, TokenCounter.Default);

        var plans = Enumerable.Range(0, 6).Select(i => source.Create(i)).ToList();

        Assert.All(plans, p => Assert.Equal(("system", "user"), (p.Turns[0].Role, p.Turns[1].Role)));
        Assert.Equal(2, plans.Select(p => p.Turns[0].Content).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(plans[0].Turns[0].Content, plans[2].Turns[0].Content);
        Assert.Equal(500, TokenCounter.Default.Count(plans[1].Turns[0].Content));
        Assert.Equal(6, plans.Select(p => p.Turns[1].Content).Distinct().Count());
        Assert.All(plans, p => Assert.Equal(540, p.InputTokens));
    }

    [Fact]
    public void Problem_EmpiricalWithoutAMatchingCorpus()
    {
        var mix = WorkloadMixTests.Mix(["legal 1 input empirical output 100"]);

        Assert.Contains("give a corpus", PromptSource.Problem(new WorkloadSpec { Mix = mix }), StringComparison.Ordinal);
        Assert.Contains("which has none of that category; its categories: chat, coding", PromptSource.Problem(new WorkloadSpec { Mix = mix, Corpus = PromptCorpus.BuiltIn() }), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gpt-4o-mini", "o200k_base", true)]
    [InlineData("gpt-4.1-2025-04-14", "o200k_base", true)]
    [InlineData("o3-mini", "o200k_base", true)]
    [InlineData("gpt-4-turbo", "cl100k_base", true)]
    [InlineData("gpt-3.5-turbo", "cl100k_base", true)]
    [InlineData("meta-llama/Llama-3.1-8B-Instruct", "cl100k_base", false)]
    [InlineData("claude-sonnet-4-5", "o200k_base", false)]
    public void Tokenizer_ChosenByModelFamily(string model, string encoding, bool exact)
    {
        Assert.Equal(encoding, TokenCounter.EncodingForModel(model));
        Assert.Equal(exact, TokenCounter.IsExactFor(model));
    }

    [Fact]
    public void Cl100kCounter_BuildsExactPromptsToo()
    {
        var cl100k = TokenCounter.ForEncoding(TokenCounter.Cl100kBase);
        var source = new PromptSource(new WorkloadSpec { Input = new LengthDistribution.Fixed(777) }, seed: 2, cl100k);

        Assert.Equal(777, cl100k.Count(source.Create(0).Prompt));
        Assert.NotEqual(cl100k.Count("naïve façade — 東京"), TokenCounter.Default.Count("naïve façade — 東京"));
    }
}
