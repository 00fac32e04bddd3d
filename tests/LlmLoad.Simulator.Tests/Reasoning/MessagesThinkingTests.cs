using System.Text.Json;
using LlmLoad.Simulator.Generation;
using LlmLoad.Simulator.Tests.TestSupport;
using LlmLoad.Workload;

namespace LlmLoad.Simulator.Tests.Reasoning;

public sealed class MessagesThinkingTests
{
    private static readonly SimulatorOptions Thinker = SimulatorClient.Instant with { Reasoning = new SimulatedReasoning { Tokens = 3 } };

    private static string Body(int maxTokens, bool stream, object? thinking) => JsonSerializer.Serialize(new
    {
        model = "claude-test",
        max_tokens = maxTokens,
        messages = new[] { new { role = "user", content = "hi" } },
        stream,
        thinking,
    });

    [Fact]
    public async Task Stream_ThinkingEnabled_SendsAThinkingBlockWithSignatureThenTheTextBlock()
    {
        var events = await StreamAsync(Body(1100, stream: true, new { type = "enabled", budget_tokens = 1024 }));

        string[] expected =
        [
            "message_start", "content_block_start", "ping",
            .. Enumerable.Repeat("content_block_delta", 3 + 1), "content_block_stop",
            "content_block_start", .. Enumerable.Repeat("content_block_delta", 1097), "content_block_stop",
            "message_delta", "message_stop",
        ];
        Assert.Equal(expected, events.Select(e => e.Name));
        Assert.Equal("""{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}""", events[1].Data);
        Assert.All(events.Skip(3).Take(3), e => Assert.Matches("""^\{"type":"content_block_delta","index":0,"delta":\{"type":"thinking_delta","thinking":" [a-z]+"\}\}$""", e.Data));
        var signature = events[6].Json.GetProperty("delta");
        Assert.Equal("signature_delta", signature.GetProperty("type").GetString());
        Assert.NotEmpty(Convert.FromBase64String(signature.GetProperty("signature").GetString()!));
        Assert.Equal("""{"type":"content_block_stop","index":0}""", events[7].Data);
        Assert.Equal("""{"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}""", events[8].Data);
        Assert.Equal("text_delta", events[9].Json.GetProperty("delta").GetProperty("type").GetString());
        Assert.Equal(1, events[9].Json.GetProperty("index").GetInt32());
        Assert.Equal("""{"type":"content_block_stop","index":1}""", events[^3].Data);
        // Thinking is billed output: output_tokens is the whole of max_tokens.
        Assert.Equal(1100, events[^2].Json.GetProperty("usage").GetProperty("output_tokens").GetInt32());
    }

    [Fact]
    public async Task Stream_ThinkingNotAsked_AnswersWithoutThinkingEvenOnAReasoningProfile()
    {
        var events = await StreamAsync(Body(5, stream: true, thinking: null));

        Assert.DoesNotContain(events, e => e.Data.Contains("thinking", StringComparison.Ordinal));
        Assert.Equal(5, events.Count(e => e.Name == "content_block_delta"));
    }

    [Fact]
    public async Task Buffered_ThinkingEnabled_ContentHasTheThinkingBlockFirst()
    {
        await using var server = await SimulatorServer.StartAsync(Thinker);
        using var client = new MessagesClient(server);

        using var response = await client.PostAsync(Body(1030, stream: false, new { type = "enabled", budget_tokens = 1024 }));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        var content = json.GetProperty("content");
        Assert.Equal(2, content.GetArrayLength());
        Assert.Equal("thinking", content[0].GetProperty("type").GetString());
        Assert.Equal(3, TokenCounter.Default.Count(content[0].GetProperty("thinking").GetString()!));
        Assert.NotEmpty(content[0].GetProperty("signature").GetString()!);
        Assert.Equal(1027, TokenCounter.Default.Count(content[1].GetProperty("text").GetString()!));
        Assert.Equal(1030, json.GetProperty("usage").GetProperty("output_tokens").GetInt32());
    }

    [Theory]
    [InlineData(2000, 1000, "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024")]
    [InlineData(1024, 1024, "`max_tokens` must be greater than `thinking.budget_tokens`")]
    public async Task Create_BadThinkingBudget_IsRefusedAsTheApiRefusesIt(int maxTokens, int budget, string message)
    {
        await using var server = await SimulatorServer.StartAsync(Thinker);
        using var client = new MessagesClient(server);

        using var response = await client.PostAsync(Body(maxTokens, stream: false, new { type = "enabled", budget_tokens = budget }));

        Assert.Equal(400, (int)response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.StartsWith(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static async Task<List<NamedSseEvent>> StreamAsync(string body)
    {
        await using var server = await SimulatorServer.StartAsync(Thinker);
        using var client = new MessagesClient(server);
        var (response, events) = await client.StreamAsync(body);
        response.Dispose();
        return events;
    }
}
