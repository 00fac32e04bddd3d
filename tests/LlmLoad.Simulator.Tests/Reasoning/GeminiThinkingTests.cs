using System.Text.Json;
using LlmLoad.Simulator.Generation;
using LlmLoad.Simulator.Tests.TestSupport;
using LlmLoad.Workload;

namespace LlmLoad.Simulator.Tests.Reasoning;

public sealed class GeminiThinkingTests
{
    private const string StreamPath = "v1beta/models/gemini-test:streamGenerateContent?alt=sse";
    private static readonly SimulatorOptions Thinker = SimulatorClient.Instant with { Reasoning = new SimulatedReasoning { Tokens = 3 } };

    private static string Body(object thinkingConfig) => JsonSerializer.Serialize(new
    {
        contents = new[] { new { role = "user", parts = new[] { new { text = "hi" } } } },
        generationConfig = new { maxOutputTokens = 8, thinkingConfig },
    });

    [Fact]
    public async Task Stream_IncludeThoughts_SendsThoughtPartsFirst_AndCountsThoughtsApartFromCandidates()
    {
        var events = await StreamAsync(Body(new { includeThoughts = true }));

        var parts = events.Select(e => e.Json.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts")[0]).ToList();
        Assert.Equal(3 + 5 + 1, parts.Count);
        Assert.All(parts.Take(3), p => Assert.True(p.GetProperty("thought").GetBoolean()));
        Assert.All(parts.Skip(3), p => Assert.False(p.TryGetProperty("thought", out _)));
        var usage = events[^1].Json.GetProperty("usageMetadata");
        Assert.Equal(5, usage.GetProperty("candidatesTokenCount").GetInt32());
        Assert.Equal(3, usage.GetProperty("thoughtsTokenCount").GetInt32());
        Assert.Equal(usage.GetProperty("promptTokenCount").GetInt32() + 8, usage.GetProperty("totalTokenCount").GetInt32());
    }

    [Fact]
    public async Task Stream_WithoutIncludeThoughts_SendsOnlyTheAnswer_ButReportsTheThoughtsCount()
    {
        var events = await StreamAsync(Body(new { }));

        Assert.DoesNotContain(events, e => e.Data.Contains("\"thought\"", StringComparison.Ordinal));
        Assert.Equal(5 + 1, events.Count);
        Assert.Equal(3, events[^1].Json.GetProperty("usageMetadata").GetProperty("thoughtsTokenCount").GetInt32());
    }

    [Fact]
    public async Task Stream_ThinkingBudgetZero_DoesNotThink()
    {
        var events = await StreamAsync(Body(new { thinkingBudget = 0, includeThoughts = true }));

        Assert.Equal(8 + 1, events.Count);
        Assert.False(events[^1].Json.GetProperty("usageMetadata").TryGetProperty("thoughtsTokenCount", out _));
    }

    [Fact]
    public async Task Buffered_IncludeThoughts_PartsHaveTheThoughtFirst()
    {
        await using var server = await SimulatorServer.StartAsync(Thinker);

        var (status, body) = await RawSse.PostAsync(server, "v1beta/models/gemini-test:generateContent", Body(new { includeThoughts = true }), ("x-goog-api-key", "test"));

        Assert.Equal(200, status);
        var json = JsonDocument.Parse(body).RootElement;
        var parts = json.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts");
        Assert.True(parts[0].GetProperty("thought").GetBoolean());
        Assert.Equal(3, TokenCounter.Default.Count(parts[0].GetProperty("text").GetString()!));
        Assert.Equal(5, TokenCounter.Default.Count(parts[1].GetProperty("text").GetString()!));
        Assert.Equal(3, json.GetProperty("usageMetadata").GetProperty("thoughtsTokenCount").GetInt32());
    }

    private static async Task<List<RawSseEvent>> StreamAsync(string body)
    {
        await using var server = await SimulatorServer.StartAsync(Thinker);
        var (status, text) = await RawSse.PostAsync(server, StreamPath, body, ("x-goog-api-key", "test"));
        Assert.Equal(200, status);
        return RawSse.Parse(text);
    }
}
