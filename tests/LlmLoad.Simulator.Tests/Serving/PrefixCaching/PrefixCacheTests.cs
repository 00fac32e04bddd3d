using LlmLoad.Simulator.Serving.PrefixCaching;

namespace LlmLoad.Simulator.Tests.Serving.PrefixCaching;

/// <summary>The cache on its own: what a prompt reads and writes, the OpenAI rules, and LRU eviction.</summary>
public sealed class PrefixCacheTests
{
    [Fact]
    public void Serve_SameSystemPromptDifferentUserMessage_ReadsTheSystemPromptAndWritesTheUserMessage()
    {
        var cache = new PrefixCache(10_000, 0, 1);

        var first = cache.Serve(Prompt(("system", "S", 2000), ("user", "a", 100)));
        var second = cache.Serve(Prompt(("system", "S", 2000), ("user", "b", 120)));

        Assert.Equal(new PrefixCacheHit(0, 2100), first);
        Assert.Equal(new PrefixCacheHit(2000, 120), second);
        Assert.Equal(2220, cache.UsedTokens);
    }

    [Fact]
    public void Serve_DifferentSystemPrompt_NothingCached()
    {
        var cache = new PrefixCache(10_000, 0, 1);
        cache.Serve(Prompt(("system", "S1", 2000), ("user", "a", 100)));

        var other = cache.Serve(Prompt(("system", "S2", 2000), ("user", "a", 100)));

        Assert.Equal(0, other.CachedTokens);
    }

    [Fact]
    public void Serve_SameTextInAnotherRoleOrModel_NothingCached()
    {
        var cache = new PrefixCache(10_000, 0, 1);
        cache.Serve(Prompt(("system", "S", 2000)));

        Assert.Equal(0, cache.Serve(Prompt(("user", "S", 2000))).CachedTokens);
        Assert.Equal(0, cache.Serve(Prompt("other-model", ("system", "S", 2000))).CachedTokens);
    }

    [Fact]
    public void Serve_LaterTurnOfAConversation_ReadsEveryEarlierMessage()
    {
        var cache = new PrefixCache(10_000, 0, 1);
        cache.Serve(Prompt(("system", "S", 500), ("user", "q1", 50)));

        var turn2 = cache.Serve(Prompt(("system", "S", 500), ("user", "q1", 50), ("assistant", "a1", 80), ("user", "q2", 40)));

        Assert.Equal(new PrefixCacheHit(550, 120), turn2);
    }

    [Fact]
    public void Serve_CapacityExceeded_EvictsTheLeastRecentlyUsedPrompt()
    {
        var cache = new PrefixCache(5000, 0, 1);
        cache.Serve(Prompt(("system", "A", 2000)));
        cache.Serve(Prompt(("system", "B", 2000)));
        cache.Serve(Prompt(("system", "A", 2000))); // A is now more recent than B

        cache.Serve(Prompt(("system", "C", 2000))); // needs room: B goes

        Assert.Equal(2000, cache.Serve(Prompt(("system", "A", 2000))).CachedTokens);
        Assert.Equal(2000, cache.Serve(Prompt(("system", "C", 2000))).CachedTokens);
        Assert.Equal(0, cache.Serve(Prompt(("system", "B", 2000))).CachedTokens);
        Assert.True(cache.UsedTokens <= 5000);
    }

    [Fact]
    public void Serve_CapacityExceeded_EvictsAPromptsLastMessageBeforeItsSystemPrompt()
    {
        var cache = new PrefixCache(3000, 0, 1);
        cache.Serve(Prompt(("system", "S", 2000), ("user", "a", 500)));

        // 600 more tokens do not fit: the old user message goes, the system prompt it hung from stays.
        var next = cache.Serve(Prompt(("system", "X", 600)));

        Assert.Equal(600, next.WrittenTokens);
        Assert.Equal(new PrefixCacheHit(2000, 500), cache.Serve(Prompt(("system", "S", 2000), ("user", "a", 500))));
    }

    [Fact]
    public void Serve_PromptLargerThanTheCache_StoresTheLeadingMessagesThatFit()
    {
        var cache = new PrefixCache(3000, 0, 1);

        var first = cache.Serve(Prompt(("system", "S", 2000), ("user", "long", 5000)));
        var second = cache.Serve(Prompt(("system", "S", 2000), ("user", "long", 5000)));

        Assert.Equal(new PrefixCacheHit(0, 2000), first);
        Assert.Equal(new PrefixCacheHit(2000, 0), second);
    }

    [Fact]
    public void Serve_OpenAiRule_PromptsUnder1024TokensAreNeitherStoredNorReported()
    {
        var cache = new PrefixCache(100_000, 1024, 128);

        cache.Serve(Prompt(("system", "S", 1000), ("user", "a", 20)));
        var again = cache.Serve(Prompt(("system", "S", 1000), ("user", "b", 20)));

        // Not stored the first time (1,020 tokens), so not found; this one (1,020 again) is not stored either.
        Assert.Equal(new PrefixCacheHit(0, 0), again);
        Assert.Equal(0, cache.UsedTokens);
    }

    [Fact]
    public void Serve_OpenAiRule_HitsAreWholeIncrementsOf128FromThe1024th()
    {
        var cache = new PrefixCache(100_000, 1024, 128);
        cache.Serve(Prompt(("system", "Long", 2000), ("user", "a", 10)));
        cache.Serve(Prompt(("system", "Short", 1000), ("user", "a", 100)));

        var longHit = cache.Serve(Prompt(("system", "Long", 2000), ("user", "b", 10)));
        var shortHit = cache.Serve(Prompt(("system", "Short", 1000), ("user", "b", 100)));

        Assert.Equal(1920, longHit.CachedTokens);   // 15 x 128
        Assert.Equal(0, shortHit.CachedTokens);      // a 1,000-token match is under the 1,024 minimum
    }

    [Fact]
    public void Serve_ConcurrentRequests_NeverHoldMoreThanTheCapacity()
    {
        var cache = new PrefixCache(50_000, 0, 1);

        Parallel.For(0, 20_000, i => cache.Serve(Prompt(("system", "S" + (i % 50), 1000), ("user", "u" + i, 100))));

        Assert.InRange(cache.UsedTokens, 1, 50_000);
        // Which prefixes survived the LRU depends on the interleaving; the cache still stores and finds one afterwards.
        cache.Serve(Prompt(("system", "S7", 1000), ("user", "new", 100)));
        Assert.Equal(1000, cache.Serve(Prompt(("system", "S7", 1000), ("user", "newer", 100))).CachedTokens);
    }

    [Fact]
    public void PromptPrefixBuilder_SameMessagesSplitDifferently_GiveDifferentKeys()
    {
        // "ab" in one message versus "a" then "b" in two: the text is the same bytes, the prompts are not.
        var one = Prompt(("user", "ab", 2));
        var two = Prompt(("user", "a", 1), ("user", "b", 1));

        Assert.NotEqual(one.Boundaries[0].Key, two.Boundaries[0].Key);
        Assert.NotEqual(one.Boundaries[0].Key, two.Boundaries[1].Key);
    }

    private static PromptPrefix Prompt(params (string Role, string Text, int Tokens)[] messages) => Prompt("m", messages);

    /// <summary>A prompt keyed as the parsers key it; the token counts are given rather than counted, to keep the arithmetic plain.</summary>
    private static PromptPrefix Prompt(string model, params (string Role, string Text, int Tokens)[] messages)
    {
        using var builder = new PromptPrefixBuilder(model);
        var tokens = 0;
        foreach (var (role, text, count) in messages)
        {
            builder.StartMessage(role);
            builder.AddText(text);
            tokens += count;
            builder.EndMessage(tokens);
        }

        return builder.Build();
    }
}
