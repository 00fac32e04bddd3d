using System.Text.Json;
using LlmLoad.Simulator.Tests.TestSupport;
using LlmLoad.Workload;

namespace LlmLoad.Simulator.Tests.Messages;

public sealed class BufferedTests
{
    [Fact]
    public async Task CreateMessage_NotStreamed_ReturnsTheMessageObjectByteForByte()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        using var client = new MessagesClient(server);

        using var response = await client.PostAsync(MessagesClient.Body(7, stream: false, prompt: "Explain load testing."));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json", SimulatorClient.ContentType(response)?.MediaType);
        Assert.StartsWith("req_", SimulatorClient.Header(response, "request-id"), StringComparison.Ordinal);
        var json = JsonDocument.Parse(body).RootElement;
        var id = json.GetProperty("id").GetString()!;
        var text = json.GetProperty("content")[0].GetProperty("text").GetString()!;
        Assert.Matches("^msg_[A-Za-z0-9]{24}$", id);
        Assert.Equal(7, TokenCounter.Default.Count(text));
        var inputTokens = TokenCounter.Default.Count("Explain load testing.");
        var expected = $$$"""{"id":"{{{id}}}","type":"message","role":"assistant","model":"claude-test","content":[{"type":"text","text":"{{{text}}}"}],"stop_reason":"max_tokens","stop_sequence":null,"usage":{"input_tokens":{{{inputTokens}}},"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":7}}""";
        Assert.Equal(expected, body);
    }

    [Fact]
    public async Task CreateMessage_SameSeed_SameTextStreamedOrBuffered()
    {
        var options = SimulatorClient.Instant with { Seed = 42 };
        string streamed;
        await using (var server = await SimulatorServer.StartAsync(options))
        {
            using var client = new MessagesClient(server);
            var (response, events) = await client.StreamAsync(MessagesClient.Body(10, stream: true));
            response.Dispose();
            streamed = string.Concat(events.Select(e => e.Text));
        }

        await using (var server = await SimulatorServer.StartAsync(options))
        {
            using var client = new MessagesClient(server);
            using var response = await client.PostAsync(MessagesClient.Body(10, stream: false));
            var buffered = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("content")[0].GetProperty("text").GetString();
            Assert.Equal(streamed, buffered);
        }
    }
}
