using System.Text.Json;
using LlmLoad.Simulator.Tests.TestSupport;

namespace LlmLoad.Simulator.Tests.ChatCompletions;

public sealed class ErrorTests
{
    [Fact]
    public async Task CompleteChat_MalformedJson_Returns400Envelope()
    {
        var (status, error) = await PostAsync("""{"model":"m","messages":[""");

        Assert.Equal(400, status);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
        Assert.Equal(JsonValueKind.Null, error.GetProperty("code").ValueKind);
    }

    [Theory]
    [InlineData("""{"model":"m"}""", "missing_required_parameter")]
    [InlineData("""{"model":"m","messages":[]}""", "empty_array")]
    [InlineData("""{"model":"m","messages":"hi"}""", "invalid_type")]
    public async Task CompleteChat_MissingOrBadMessages_Returns400NamingMessages(string body, string code)
    {
        var (status, error) = await PostAsync(body);

        Assert.Equal(400, status);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal("messages", error.GetProperty("param").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("max_tokens", "0")]
    [InlineData("max_tokens", "\"ten\"")]
    [InlineData("max_completion_tokens", "-3")]
    [InlineData("max_completion_tokens", "1.5")]
    public async Task CompleteChat_BadMaxTokens_Returns400NamingTheField(string field, string value)
    {
        var (status, error) = await PostAsync($$"""{"model":"m","messages":[{"role":"user","content":"hi"}],"{{field}}":{{value}}}""");

        Assert.Equal(400, status);
        Assert.Equal(field, error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task CompleteChat_StreamOptionsWithoutStream_Returns400()
    {
        var (status, error) = await PostAsync("""{"model":"m","messages":[{"role":"user","content":"hi"}],"stream_options":{"include_usage":true}}""");

        Assert.Equal(400, status);
        Assert.Equal("stream_options", error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task UnknownPath_Returns404Envelope()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        using var client = new SimulatorClient(server);

        using var response = await client.PostAsync("{}", "v1/embeddingz");
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Contains("/v1/embeddingz", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static async Task<(int Status, JsonElement Error)> PostAsync(string body)
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        using var client = new SimulatorClient(server);
        using var response = await client.PostAsync(body);
        Assert.Equal("application/json", SimulatorClient.ContentType(response)?.MediaType);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return ((int)response.StatusCode, json.GetProperty("error"));
    }
}
