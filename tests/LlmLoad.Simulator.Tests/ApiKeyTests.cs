using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace LlmLoad.Simulator.Tests;

public sealed class ApiKeyTests
{
    private const string Key = "sk-test-expected-key-123456";
    private const string ChatBody = """{"model":"m","messages":[{"role":"user","content":"Hi"}],"max_tokens":2}""";
    private const string MessagesBody = """{"model":"m","max_tokens":2,"messages":[{"role":"user","content":"Hi"}]}""";

    [Fact]
    public async Task ChatCompletions_NoKey_Is401InOpenAiEnvelope()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ApiKey = Key, TimeToFirstTokenMs = new(1, 0), InterTokenLatencyMs = new(1, 0) });

        var (status, body) = await PostAsync(server, "v1/chat/completions", ChatBody, request => { });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        var error = body.GetProperty("error");
        Assert.StartsWith("You didn't provide an API key.", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("code").ValueKind);
    }

    [Fact]
    public async Task ChatCompletions_WrongKey_Is401InvalidApiKeyWithTheKeyMasked()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ApiKey = Key, TimeToFirstTokenMs = new(1, 0), InterTokenLatencyMs = new(1, 0) });
        const string wrong = "sk-wrong-key-abcdefghij";

        var (status, body) = await PostAsync(server, "v1/chat/completions", ChatBody, request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", wrong));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        var error = body.GetProperty("error");
        Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
        Assert.Equal("Incorrect API key provided: sk-***ghij.", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task ChatCompletions_RightKey_Answers()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ApiKey = Key, TimeToFirstTokenMs = new(1, 0), InterTokenLatencyMs = new(1, 0) });

        var (status, body) = await PostAsync(server, "v1/chat/completions", ChatBody, request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Messages_WrongKey_Is401AuthenticationError()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ApiKey = Key, TimeToFirstTokenMs = new(1, 0), InterTokenLatencyMs = new(1, 0) });

        var (status, body) = await PostAsync(server, "v1/messages", MessagesBody, request =>
        {
            request.Headers.Add("x-api-key", "sk-ant-wrong");
            request.Headers.Add("anthropic-version", "2023-06-01");
        });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("authentication_error", body.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Messages_RightKey_Answers()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ApiKey = Key, TimeToFirstTokenMs = new(1, 0), InterTokenLatencyMs = new(1, 0) });

        var (status, _) = await PostAsync(server, "v1/messages", MessagesBody, request =>
        {
            request.Headers.Add("x-api-key", Key);
            request.Headers.Add("anthropic-version", "2023-06-01");
        });

        Assert.Equal(HttpStatusCode.OK, status);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(SimulatorServer server, string path, string body, Action<HttpRequestMessage> addHeaders)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseAddress, path)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        addHeaders(request);
        using var response = await http.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.Clone());
    }
}
