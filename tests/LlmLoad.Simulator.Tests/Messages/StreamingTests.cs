using System.Text.Json;
using LlmLoad.Simulator.Tests.TestSupport;
using LlmLoad.Workload;

namespace LlmLoad.Simulator.Tests.Messages;

public sealed class StreamingTests
{
    [Fact]
    public async Task CreateMessage_Stream_SendsTheExactEventSequence()
    {
        var (response, events) = await StreamAsync(5);

        string[] expected = ["message_start", "content_block_start", "ping", .. Enumerable.Repeat("content_block_delta", 5), "content_block_stop", "message_delta", "message_stop"];
        Assert.Equal(expected, events.Select(e => e.Name));
        Assert.Equal("text/event-stream; charset=utf-8", SimulatorClient.Header(response, "Content-Type"));
        Assert.StartsWith("req_", SimulatorClient.Header(response, "request-id"), StringComparison.Ordinal);
        Assert.Equal("""{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""", events[1].Data);
        Assert.Equal("""{"type": "ping"}""", events[2].Data);
        Assert.Equal("""{"type":"content_block_stop","index":0}""", events[^3].Data);
        Assert.Equal("""{"type":"message_delta","delta":{"stop_reason":"max_tokens","stop_sequence":null},"usage":{"output_tokens":5}}""", events[^2].Data);
        Assert.Equal("""{"type":"message_stop"}""", events[^1].Data);
        Assert.All(events.Where(e => e.Name == "content_block_delta"), e =>
            Assert.Matches("""^\{"type":"content_block_delta","index":0,"delta":\{"type":"text_delta","text":" [a-z]+"\}\}$""", e.Data));
    }

    [Fact]
    public async Task CreateMessage_Stream_MessageStartHasTheFullMessageShape()
    {
        var (_, events) = await StreamAsync(3);

        var message = events[0].Json.GetProperty("message");
        var id = message.GetProperty("id").GetString()!;
        Assert.Matches("^msg_[A-Za-z0-9]{24}$", id);
        var expected = $$$$"""{"type":"message_start","message":{"id":"{{{{id}}}}","type":"message","role":"assistant","content":[],"model":"claude-test","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":1,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1}}}""";
        Assert.Equal(expected, events[0].Data);
    }

    [Fact]
    public async Task CreateMessage_Stream_UsageCountsSystemAndMessagesAndFinalOutputIsCumulative()
    {
        const string System = "You are terse.";
        const string Prompt = "Explain load testing in one paragraph.";
        var body = JsonSerializer.Serialize(new
        {
            model = "claude-test",
            max_tokens = 12,
            system = new[] { new { type = "text", text = System } },
            messages = new object[]
            {
                new { role = "user", content = Prompt },
                new { role = "assistant", content = new[] { new { type = "text", text = Prompt } } },
            },
            stream = true,
        });

        var (response, events) = await StreamAsync(body);
        response.Dispose();

        var promptTokens = TokenCounter.Default.Count(System) + (2 * TokenCounter.Default.Count(Prompt));
        Assert.Equal(promptTokens, events[0].Json.GetProperty("message").GetProperty("usage").GetProperty("input_tokens").GetInt32());
        Assert.Equal(12, events[^2].Json.GetProperty("usage").GetProperty("output_tokens").GetInt32());
        var text = string.Concat(events.Select(e => e.Text));
        Assert.Equal(12, TokenCounter.Default.Count(text));
    }

    private static Task<(HttpResponseMessage Response, List<NamedSseEvent> Events)> StreamAsync(int maxTokens)
        => StreamAsync(MessagesClient.Body(maxTokens, stream: true));

    private static async Task<(HttpResponseMessage Response, List<NamedSseEvent> Events)> StreamAsync(string body)
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        using var client = new MessagesClient(server);
        return await client.StreamAsync(body);
    }
}
