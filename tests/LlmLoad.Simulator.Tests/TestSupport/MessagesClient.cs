using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace LlmLoad.Simulator.Tests.TestSupport;

/// <summary>A plain HttpClient against one simulator's Messages API, reading SSE strictly as Anthropic frames it.</summary>
public sealed class MessagesClient : IDisposable
{
    public const string Path = "v1/messages";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;

    public MessagesClient(SimulatorServer server)
    {
        _http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = Timeout };
    }

    public static string Body(int maxTokens, bool stream, string prompt = "hi")
        => JsonSerializer.Serialize(new { model = "claude-test", max_tokens = maxTokens, messages = new[] { new { role = "user", content = prompt } }, stream });

    /// <param name="apiKey">Sent as x-api-key unless null.</param>
    /// <param name="version">Sent as anthropic-version unless null.</param>
    public Task<HttpResponseMessage> PostAsync(string json, string? apiKey = "test-key", string? version = "2023-06-01")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (apiKey is not null)
        {
            request.Headers.Add("x-api-key", apiKey);
        }

        if (version is not null)
        {
            request.Headers.Add("anthropic-version", version);
        }

        return _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>Sends a streaming request and reads every event; fails on anything but "event: …", "data: …", blank line.</summary>
    public async Task<(HttpResponseMessage Response, List<NamedSseEvent> Events)> StreamAsync(string json)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await PostAsync(json);
        Assert.Equal(200, (int)response.StatusCode);
        return (response, await NamedSseEvent.ReadAllAsync(response, started));
    }

    public void Dispose() => _http.Dispose();
}
