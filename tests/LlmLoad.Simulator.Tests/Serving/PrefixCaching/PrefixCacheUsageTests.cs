using System.Text.Json;
using LlmLoad.Simulator.Serving;
using LlmLoad.Simulator.Tests.Metrics;
using LlmLoad.Simulator.Tests.TestSupport;
using LlmLoad.Workload;

namespace LlmLoad.Simulator.Tests.Serving.PrefixCaching;

/// <summary>The prefix cache as a client sees it: both APIs' usage fields, buffered and streamed, and the vLLM counters.</summary>
public sealed class PrefixCacheUsageTests
{
    private static readonly string SystemPrompt = Words("policy", 2000);
    private static readonly int SystemTokens = TokenCounter.Default.Count(SystemPrompt);

    [Fact]
    public async Task ChatCompletions_SecondRequestWithTheSameSystemPrompt_ReportsItsTokensAsCached()
    {
        await using var server = await StartAsync(new ServingCapacity { PrefixCacheTokens = 100_000 });
        using var client = new SimulatorClient(server);

        var first = await ChatUsageAsync(client, SystemPrompt, "first question");
        var second = await ChatUsageAsync(client, SystemPrompt, "second question");

        Assert.Equal(0, CachedTokens(first));
        Assert.Equal(SystemTokens, CachedTokens(second));
        // Cached tokens are part of prompt_tokens, not on top of them.
        Assert.Equal(SystemTokens + TokenCounter.Default.Count("second question"), second.GetProperty("prompt_tokens").GetInt32());
    }

    [Fact]
    public async Task ChatCompletions_Streamed_UsageChunkCarriesTheCachedTokens()
    {
        await using var server = await StartAsync(new ServingCapacity { PrefixCacheTokens = 100_000 });
        using var client = new SimulatorClient(server);
        await ChatUsageAsync(client, SystemPrompt, "first question");

        var (response, events) = await client.StreamAsync(ChatBody(SystemPrompt, "second question", stream: true));
        response.Dispose();

        var usage = events.Single(e => e.Data.Contains("\"choices\":[]", StringComparison.Ordinal)).Json.GetProperty("usage");
        Assert.Equal(SystemTokens, CachedTokens(usage));
    }

    [Fact]
    public async Task ChatCompletions_DifferentSystemPrompt_IsNotCached()
    {
        await using var server = await StartAsync(new ServingCapacity { PrefixCacheTokens = 100_000 });
        using var client = new SimulatorClient(server);
        await ChatUsageAsync(client, SystemPrompt, "question");

        var other = await ChatUsageAsync(client, Words("contract", 2000), "question");

        Assert.Equal(0, CachedTokens(other));
    }

    [Fact]
    public async Task ChatCompletions_CacheOff_ReportsZeroCachedTokens()
    {
        await using var server = await StartAsync(new ServingCapacity());
        using var client = new SimulatorClient(server);
        await ChatUsageAsync(client, SystemPrompt, "question");

        Assert.Equal(0, CachedTokens(await ChatUsageAsync(client, SystemPrompt, "question")));
    }

    [Fact]
    public async Task ChatCompletions_OpenAiRule_CachedTokensIn128TokenIncrementsAndNoneUnder1024()
    {
        await using var server = await StartAsync(new ServingCapacity { PrefixCacheTokens = 100_000, PrefixCacheMinTokens = 1024, PrefixCacheBlockTokens = 128 });
        using var client = new SimulatorClient(server);
        var shortSystem = Words("brief", 600);
        await ChatUsageAsync(client, SystemPrompt, "first");
        await ChatUsageAsync(client, shortSystem, Words("context", 600));

        var longHit = await ChatUsageAsync(client, SystemPrompt, "second");
        var shortHit = await ChatUsageAsync(client, shortSystem, Words("other", 600));

        Assert.Equal(SystemTokens / 128 * 128, CachedTokens(longHit));
        Assert.Equal(0, CachedTokens(shortHit));
    }

    [Fact]
    public async Task Messages_SecondRequestWithTheSameSystemPrompt_ReadsItAndWritesTheRest()
    {
        await using var server = await StartAsync(new ServingCapacity { PrefixCacheTokens = 100_000 });
        using var client = new MessagesClient(server);
        var firstUser = TokenCounter.Default.Count("first question");
        var secondUser = TokenCounter.Default.Count("second question");

        var first = await MessagesUsageAsync(client, SystemPrompt, "first question");
        var second = await MessagesUsageAsync(client, SystemPrompt, "second question");

        // As with Anthropic's automatic (top-level) cache_control: the whole prompt is written, and a later
        // request reads what it shares; input_tokens is what is neither, and the three add up to the prompt.
        Assert.Equal((0, SystemTokens + firstUser, 0), AnthropicUsage(first));
        Assert.Equal((0, secondUser, SystemTokens), AnthropicUsage(second));
    }

    [Fact]
    public async Task Messages_Streamed_MessageStartCarriesTheCacheFields()
    {
        await using var server = await StartAsync(new ServingCapacity { PrefixCacheTokens = 100_000 });
        using var client = new MessagesClient(server);
        await MessagesUsageAsync(client, SystemPrompt, "first question");

        var (response, events) = await client.StreamAsync(MessagesBody(SystemPrompt, "second question", stream: true));
        response.Dispose();

        var usage = events.First(e => e.Name == "message_start").Json.GetProperty("message").GetProperty("usage");
        Assert.Equal((0, TokenCounter.Default.Count("second question"), SystemTokens), AnthropicUsage(usage));
    }

    [Fact]
    public async Task Messages_PromptUnderTheMinimum_IsAllInputTokens()
    {
        await using var server = await StartAsync(new ServingCapacity { PrefixCacheTokens = 100_000, PrefixCacheMinTokens = 1024 });
        using var client = new MessagesClient(server);
        var shortSystem = Words("brief", 300);
        await MessagesUsageAsync(client, shortSystem, "question");

        var again = await MessagesUsageAsync(client, shortSystem, "question");

        Assert.Equal((TokenCounter.Default.Count(shortSystem) + TokenCounter.Default.Count("question"), 0, 0), AnthropicUsage(again));
    }

    [Fact]
    public async Task BothApis_ShareOneCachePerModel_AndTheVllmCountersCountTokens()
    {
        await using var server = await StartAsync(new ServingCapacity { PrefixCacheTokens = 100_000 });
        using var chat = new SimulatorClient(server);
        using var messages = new MessagesClient(server);

        var first = await ChatUsageAsync(chat, SystemPrompt, "question");
        var second = await MessagesUsageAsync(messages, SystemPrompt, "another question", model: "m");
        var otherModel = await MessagesUsageAsync(messages, SystemPrompt, "another question", model: "claude-test");

        Assert.Equal(SystemTokens, second.GetProperty("cache_read_input_tokens").GetInt32());
        Assert.Equal(0, otherModel.GetProperty("cache_read_input_tokens").GetInt32());
        using var response = await chat.GetAsync("metrics");
        var text = await response.Content.ReadAsStringAsync();
        var scrape = new Scrape(text, await PrometheusParser.ParseAsync(text));
        (string, string) model = ("model_name", "llmload-simulator");
        var laterPrompt = SystemTokens + TokenCounter.Default.Count("another question");
        Assert.Equal(first.GetProperty("prompt_tokens").GetInt32() + (2 * laterPrompt), scrape.Value("vllm:prefix_cache_queries_total", model));
        Assert.Equal(SystemTokens, scrape.Value("vllm:prefix_cache_hits_total", model));
    }

    internal static string Words(string word, int count) => string.Concat(Enumerable.Repeat(" " + word, count));

    internal static string ChatBody(string system, string user, bool stream = false, int maxTokens = 2) => SimulatorClient.ChatBody(new
    {
        model = "m",
        max_tokens = maxTokens,
        stream,
        stream_options = stream ? new { include_usage = true } : null,
        messages = new[] { new { role = "system", content = system }, new { role = "user", content = user } },
    });

    /// <param name="model">The cache is per model: "m" shares the chat completions tests' prompts.</param>
    private static string MessagesBody(string system, string user, bool stream = false, string model = "claude-test")
        => JsonSerializer.Serialize(new { model, max_tokens = 2, system, messages = new[] { new { role = "user", content = user } }, stream });

    private static Task<SimulatorServer> StartAsync(ServingCapacity capacity)
        => SimulatorServer.StartAsync(SimulatorClient.Instant with { Capacity = capacity });

    private static async Task<JsonElement> ChatUsageAsync(SimulatorClient client, string system, string user)
        => (await client.PostForJsonAsync(ChatBody(system, user))).GetProperty("usage");

    private static async Task<JsonElement> MessagesUsageAsync(MessagesClient client, string system, string user, string model = "claude-test")
    {
        using var response = await client.PostAsync(MessagesBody(system, user, model: model));
        Assert.Equal(200, (int)response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("usage");
    }

    private static int CachedTokens(JsonElement usage) => usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32();

    private static (int Input, int CacheCreation, int CacheRead) AnthropicUsage(JsonElement usage) => (
        usage.GetProperty("input_tokens").GetInt32(),
        usage.GetProperty("cache_creation_input_tokens").GetInt32(),
        usage.GetProperty("cache_read_input_tokens").GetInt32());
}
