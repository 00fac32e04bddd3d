using System.Text.Json;
using LlmLoad.Simulator.Generation;
using LlmLoad.Simulator.Tests.TestSupport;
using LlmLoad.Workload;

namespace LlmLoad.Simulator.Tests.Reasoning;

public sealed class ResponsesReasoningTests
{
    private static readonly SimulatorOptions Thinker = SimulatorClient.Instant with { Reasoning = new SimulatedReasoning { Tokens = 3 } };

    private static string Body(bool stream, string? summary) => JsonSerializer.Serialize(new
    {
        model = "o-test",
        input = "hi",
        max_output_tokens = 20,
        stream,
        reasoning = new { summary },
    });

    [Fact]
    public async Task Stream_WithSummary_StreamsTheReasoningItemFirst_ThenTheMessageAtIndexOne()
    {
        var events = await StreamAsync(Body(stream: true, summary: "auto"));

        string?[] expected =
        [
            "response.created", "response.in_progress",
            "response.output_item.added", "response.reasoning_summary_part.added", .. Enumerable.Repeat("response.reasoning_summary_text.delta", 3),
            "response.reasoning_summary_text.done", "response.reasoning_summary_part.done", "response.output_item.done",
            "response.output_item.added", "response.content_part.added", .. Enumerable.Repeat("response.output_text.delta", 17),
            "response.output_text.done", "response.content_part.done", "response.output_item.done", "response.incomplete",
        ];
        Assert.Equal(expected, events.Select(e => e.Name));
        Assert.Equal(Enumerable.Range(0, events.Count), events.Select(e => e.Json.GetProperty("sequence_number").GetInt32()));
        var reasoningId = events[2].Json.GetProperty("item").GetProperty("id").GetString()!;
        Assert.StartsWith("rs_", reasoningId, StringComparison.Ordinal);
        Assert.Equal("reasoning", events[2].Json.GetProperty("item").GetProperty("type").GetString());
        var delta = events[4].Json;
        Assert.Equal((reasoningId, 0, 0), (delta.GetProperty("item_id").GetString(), delta.GetProperty("output_index").GetInt32(), delta.GetProperty("summary_index").GetInt32()));
        Assert.Equal(1, events[10].Json.GetProperty("output_index").GetInt32());
        Assert.Equal(1, events[12].Json.GetProperty("output_index").GetInt32());

        var response = events[^1].Json.GetProperty("response");
        var output = response.GetProperty("output");
        Assert.Equal(["reasoning", "message"], output.EnumerateArray().Select(i => i.GetProperty("type").GetString()));
        Assert.Equal(3, TokenCounter.Default.Count(output[0].GetProperty("summary")[0].GetProperty("text").GetString()!));
        var usage = response.GetProperty("usage");
        Assert.Equal((20, 3), (usage.GetProperty("output_tokens").GetInt32(), usage.GetProperty("output_tokens_details").GetProperty("reasoning_tokens").GetInt32()));
    }

    [Fact]
    public async Task Stream_WithoutSummary_SendsOnlyTheReasoningItemsBoundaries_AndCountsTheTokens()
    {
        var events = await StreamAsync(Body(stream: true, summary: null));

        Assert.DoesNotContain(events, e => e.Name!.StartsWith("response.reasoning_summary", StringComparison.Ordinal));
        Assert.Equal(["response.output_item.added", "response.output_item.done", "response.output_item.added"], events.Skip(2).Take(3).Select(e => e.Name));
        Assert.Empty(events[3].Json.GetProperty("item").GetProperty("summary").EnumerateArray());
        Assert.Equal(17, events.Count(e => e.Name == "response.output_text.delta"));
        Assert.Equal(3, events[^1].Json.GetProperty("response").GetProperty("usage").GetProperty("output_tokens_details").GetProperty("reasoning_tokens").GetInt32());
    }

    [Fact]
    public async Task Buffered_WithSummary_OutputHasTheReasoningItemThenTheMessage()
    {
        await using var server = await SimulatorServer.StartAsync(Thinker);

        var (status, body) = await RawSse.PostAsync(server, "v1/responses", Body(stream: false, summary: "detailed"));

        Assert.Equal(200, status);
        var json = JsonDocument.Parse(body).RootElement;
        var output = json.GetProperty("output");
        Assert.Equal(["reasoning", "message"], output.EnumerateArray().Select(i => i.GetProperty("type").GetString()));
        Assert.Equal(17, TokenCounter.Default.Count(output[1].GetProperty("content")[0].GetProperty("text").GetString()!));
        Assert.Equal("detailed", json.GetProperty("reasoning").GetProperty("summary").GetString());
    }

    private static async Task<List<RawSseEvent>> StreamAsync(string body)
    {
        await using var server = await SimulatorServer.StartAsync(Thinker);
        var (status, text) = await RawSse.PostAsync(server, "v1/responses", body);
        Assert.Equal(200, status);
        return RawSse.Parse(text);
    }
}
