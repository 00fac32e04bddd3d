using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LlmLoad.Simulator.RateLimiting;
using LlmLoad.Simulator.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace LlmLoad.Simulator.Tests.RateLimiting;

/// <summary>
/// The per-key cap on requests in flight: one more is refused with a 429 in the API's shape that names concurrency,
/// costs nothing from the minute's buckets, and another key has its own places. A slow stream, left unread, holds a place.
/// </summary>
public sealed class ConcurrencyLimitTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));

    private SimulatorOptions Options => SimulatorClient.Instant with
    {
        // 100 ms a token, 30 tokens: a stream stays open for 3 s, far longer than the test takes.
        InterTokenLatencyMs = new(100, 0),
        RateLimits = new RateLimits { RequestsPerMinute = 100, MaxConcurrentRequests = 1 },
        Time = _clock,
    };

    [Fact]
    public async Task OpenAi_OneMoreThanTheCap_IsRefusedForConcurrency_AndChargedNothing()
    {
        await using var server = await SimulatorServer.StartAsync(Options);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var held = await SendAsync(http, "v1/chat/completions", Chat(stream: true), "sk-a");

        using var refused = await SendAsync(http, "v1/chat/completions", Chat(stream: false), "sk-a");
        using var otherKey = await SendAsync(http, "v1/chat/completions", Chat(stream: false), "sk-b");

        Assert.Equal(200, (int)held.StatusCode);
        Assert.Equal(429, (int)refused.StatusCode);
        var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
        Assert.Equal("concurrent_requests", error.GetProperty("type").GetString());
        Assert.Contains("Too many concurrent requests", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("Limit 1", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("1", SimulatorClient.Header(refused, "retry-after"));
        // The held stream took one of the minute's 100; the refusal took none.
        Assert.Equal("99", SimulatorClient.Header(refused, "x-ratelimit-remaining-requests"));
        Assert.Equal(200, (int)otherKey.StatusCode);
        Assert.Equal("98", SimulatorClient.Header(otherKey, "x-ratelimit-remaining-requests"));
    }

    [Fact]
    public async Task Anthropic_OneMoreThanTheCap_IsRefusedInAnthropicsWords()
    {
        await using var server = await SimulatorServer.StartAsync(Options);
        using var client = new MessagesClient(server);
        using var held = await client.PostAsync(MessagesClient.Body(30, stream: true));

        using var refused = await client.PostAsync(MessagesClient.Body(4, stream: false));

        Assert.Equal(429, (int)refused.StatusCode);
        var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("rate_limit_error", body.GetProperty("error").GetProperty("type").GetString());
        Assert.StartsWith("Number of concurrent connections has exceeded your rate limit", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("1", SimulatorClient.Header(refused, "retry-after"));
        Assert.Equal("99", SimulatorClient.Header(refused, "anthropic-ratelimit-requests-remaining"));
    }

    [Fact]
    public async Task Azure_OneMoreThanTheCap_IsRefusedInAzuresEnvelope()
    {
        await using var server = await SimulatorServer.StartAsync(Options);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        const string path = "openai/deployments/gpt/chat/completions?api-version=2024-10-21";
        using var held = await SendAsync(http, path, Chat(stream: true), "k", header: "api-key");

        using var refused = await SendAsync(http, path, Chat(stream: false), "k", header: "api-key");

        Assert.Equal(429, (int)refused.StatusCode);
        var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("429", error.GetProperty("code").GetString());
        Assert.Contains("exceeded concurrent request rate limit", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("1000", SimulatorClient.Header(refused, "retry-after-ms"));
    }

    private static string Chat(bool stream)
        => JsonSerializer.Serialize(new { model = "m", max_tokens = 30, stream, messages = new[] { new { role = "user", content = "hi" } } });

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, string path, string json, string key, string header = "Authorization")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (header == "Authorization")
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        else
        {
            request.Headers.Add(header, key);
        }

        return http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }
}
