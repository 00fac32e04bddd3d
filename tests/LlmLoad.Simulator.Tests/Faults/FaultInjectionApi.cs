using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace LlmLoad.Simulator.Tests.Faults;

/// <summary>
/// A plain HttpClient speaking one of the simulator's APIs (OpenAI chat completions or Anthropic messages),
/// so that one fault test can run against both: the same fault must look right in each provider's own words.
/// </summary>
internal sealed class FaultInjectionApi : IDisposable
{
    public const string OpenAi = "openai";
    public const string Anthropic = "anthropic";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;

    public FaultInjectionApi(SimulatorServer server, string api)
    {
        Name = api is OpenAi or Anthropic ? api : throw new ArgumentOutOfRangeException(nameof(api), api, null);
        _http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = Timeout };
    }

    public string Name { get; }

    public bool IsAnthropic => Name == Anthropic;

    public Task<HttpResponseMessage> PostAsync(int maxTokens, bool stream, CancellationToken cancellationToken = default)
    {
        var body = IsAnthropic
            ? JsonSerializer.Serialize(new { model = "claude-test", max_tokens = maxTokens, messages = new[] { new { role = "user", content = "hi" } }, stream })
            : JsonSerializer.Serialize(new { model = "gpt-test", max_tokens = maxTokens, messages = new[] { new { role = "user", content = "hi" } }, stream, stream_options = stream ? new { include_usage = true } : null });
        var request = new HttpRequestMessage(HttpMethod.Post, IsAnthropic ? "v1/messages" : "v1/chat/completions")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (IsAnthropic)
        {
            request.Headers.Add("x-api-key", "test-key");
            request.Headers.Add("anthropic-version", "2023-06-01");
        }

        return _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>Sends a streaming request and reads what arrives, up to the end or the break.</summary>
    public async Task<FaultInjectionStream> StreamAsync(int maxTokens)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await PostAsync(maxTokens, stream: true);
        Assert.Equal(200, (int)response.StatusCode);
        return await FaultInjectionStream.ReadAsync(response, started, this);
    }

    /// <summary>An event carrying generated text (a content delta), not a role, finish or usage chunk.</summary>
    public bool IsContent(FaultInjectionEvent e) => IsAnthropic
        ? e.Name == "content_block_delta" && e.IsJson
        : e.IsJson && e.Json.TryGetProperty("choices", out var choices) && choices.GetArrayLength() > 0
            && choices[0].GetProperty("delta").TryGetProperty("content", out var content) && content.GetString() is { Length: > 0 };

    /// <summary>The event that says the response is complete: <c>[DONE]</c> or <c>message_stop</c>.</summary>
    public bool IsEnd(FaultInjectionEvent e) => IsAnthropic ? e.Name == "message_stop" : e.Data == "[DONE]";

    /// <summary>An error reported inside the 200 stream: OpenAI <c>data: {"error":…}</c>, Anthropic <c>event: error</c>.</summary>
    public bool IsError(FaultInjectionEvent e) => IsAnthropic ? e.Name == "error" : e.IsJson && e.Json.TryGetProperty("error", out _);

    /// <summary>An event whose data is neither JSON nor OpenAI's <c>[DONE]</c> sentinel.</summary>
    public bool IsUnparsable(FaultInjectionEvent e) => !e.IsJson && !IsEnd(e);

    public void Dispose() => _http.Dispose();
}
