using System.Text.Json;
using LlmLoad.Simulator.Tests.TestSupport;
using LlmLoad.Workload;

namespace LlmLoad.Simulator.Tests.Responses;

/// <summary>A Responses API request without <c>stream: true</c>: one <c>response</c> object, as openai-dotnet's recorded MaxTokens session shows it.</summary>
public sealed class BufferedTests
{
    [Fact]
    public async Task CreateResponse_Buffered_IsOneResponseObjectWithTheMessageAndUsage()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        using var client = new SimulatorClient(server);

        using var response = await client.PostAsync(ResponsesWire.Body(20, stream: false, "Write three haikus about tropical fruit"), ResponsesWire.Path);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json", SimulatorClient.ContentType(response)?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("resp_", body.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("response", body.GetProperty("object").GetString());
        Assert.Equal("incomplete", body.GetProperty("status").GetString());
        Assert.Equal("max_output_tokens", body.GetProperty("incomplete_details").GetProperty("reason").GetString());
        Assert.Equal("gpt-test", body.GetProperty("model").GetString());
        var message = Assert.Single(body.GetProperty("output").EnumerateArray());
        Assert.Equal("message", message.GetProperty("type").GetString());
        Assert.Equal("assistant", message.GetProperty("role").GetString());
        Assert.Equal("incomplete", message.GetProperty("status").GetString());
        var part = Assert.Single(message.GetProperty("content").EnumerateArray());
        Assert.Equal("output_text", part.GetProperty("type").GetString());
        Assert.Equal(20, TokenCounter.Default.Count(part.GetProperty("text").GetString()!));
        var usage = body.GetProperty("usage");
        var inputTokens = TokenCounter.Default.Count("Write three haikus about tropical fruit");
        Assert.Equal(inputTokens, usage.GetProperty("input_tokens").GetInt32());
        Assert.Equal(20, usage.GetProperty("output_tokens").GetInt32());
        Assert.Equal(inputTokens + 20, usage.GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task CreateResponse_BufferedWithoutCap_IsCompleted()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with { DefaultMaxTokens = 7 });
        using var client = new SimulatorClient(server);

        using var response = await client.PostAsync(ResponsesWire.Body(null, stream: false), ResponsesWire.Path);

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("completed", body.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("incomplete_details").ValueKind);
        Assert.Equal("completed", body.GetProperty("output")[0].GetProperty("status").GetString());
        Assert.Equal(7, body.GetProperty("usage").GetProperty("output_tokens").GetInt32());
    }
}
