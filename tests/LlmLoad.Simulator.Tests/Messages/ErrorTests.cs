using System.Text.Json;
using LlmLoad.Simulator.Tests.TestSupport;

namespace LlmLoad.Simulator.Tests.Messages;

public sealed class ErrorTests
{
    [Fact]
    public async Task CreateMessage_NoApiKey_Returns401AuthenticationEnvelope()
    {
        var (status, requestId, body) = await PostAsync(MessagesClient.Body(5, stream: true), apiKey: null);

        Assert.Equal(401, status);
        Assert.Equal($$"""{"type":"error","error":{"type":"authentication_error","message":"x-api-key header is required"},"request_id":"{{requestId}}"}""", body);
    }

    [Fact]
    public async Task CreateMessage_NoAnthropicVersion_Returns400InvalidRequestEnvelope()
    {
        var (status, requestId, body) = await PostAsync(MessagesClient.Body(5, stream: true), version: null);

        Assert.Equal(400, status);
        Assert.Equal($$"""{"type":"error","error":{"type":"invalid_request_error","message":"anthropic-version: header is required"},"request_id":"{{requestId}}"}""", body);
    }

    [Fact]
    public async Task CreateMessage_BearerTokenInsteadOfApiKey_IsAccepted()
    {
        // The official .NET SDK sends its ApiKey as "Authorization: Bearer".
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, MessagesClient.Path) { Content = new StringContent(MessagesClient.Body(2, stream: false)) };
        request.Headers.Add("Authorization", "Bearer sk-test");
        request.Headers.Add("anthropic-version", "2023-06-01");

        using var response = await http.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Theory]
    [InlineData("""{"model":"m","max_tokens":5,"messages":[""", "")]
    [InlineData("""{"max_tokens":5,"messages":[{"role":"user","content":"hi"}]}""", "model: Field required")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"hi"}]}""", "max_tokens: Field required")]
    [InlineData("""{"model":"m","max_tokens":0,"messages":[{"role":"user","content":"hi"}]}""", "max_tokens: Input should be greater than or equal to 1")]
    [InlineData("""{"model":"m","max_tokens":"ten","messages":[{"role":"user","content":"hi"}]}""", "max_tokens: Input should be a valid integer")]
    [InlineData("""{"model":"m","max_tokens":5}""", "messages: Field required")]
    [InlineData("""{"model":"m","max_tokens":5,"messages":[]}""", "messages: at least one message is required")]
    [InlineData("""{"model":"m","max_tokens":5,"messages":[{"role":"system","content":"hi"}]}""", "messages.0.role: Input should be 'user' or 'assistant'")]
    [InlineData("""{"model":"m","max_tokens":5,"messages":[{"role":"user","content":3}]}""", "messages.0.content: ")]
    [InlineData("""{"model":"m","max_tokens":5,"system":7,"messages":[{"role":"user","content":"hi"}]}""", "system: ")]
    [InlineData("""{"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"}],"stream":"yes"}""", "stream: Input should be a valid boolean")]
    public async Task CreateMessage_InvalidBody_Returns400InvalidRequestEnvelope(string body, string messageStart)
    {
        var (status, requestId, response) = await PostAsync(body);

        Assert.Equal(400, status);
        var json = JsonDocument.Parse(response).RootElement;
        Assert.Equal("error", json.GetProperty("type").GetString());
        Assert.Equal("invalid_request_error", json.GetProperty("error").GetProperty("type").GetString());
        Assert.StartsWith(messageStart, json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(requestId, json.GetProperty("request_id").GetString());
    }

    private static async Task<(int Status, string RequestId, string Body)> PostAsync(string body, string? apiKey = "test-key", string? version = "2023-06-01")
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        using var client = new MessagesClient(server);
        using var response = await client.PostAsync(body, apiKey, version);
        Assert.Equal("application/json", SimulatorClient.ContentType(response)?.MediaType);
        var requestId = SimulatorClient.Header(response, "request-id");
        Assert.Matches("^req_[A-Za-z0-9]{24}$", requestId);
        return ((int)response.StatusCode, requestId!, await response.Content.ReadAsStringAsync());
    }
}
