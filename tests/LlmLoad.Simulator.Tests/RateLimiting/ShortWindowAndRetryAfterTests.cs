using System.Text.Json;
using LlmLoad.Simulator.RateLimiting;
using LlmLoad.Simulator.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace LlmLoad.Simulator.Tests.RateLimiting;

/// <summary>
/// Azure's short windows over the minute's limits, and the choice of wait headers on a 429. The server's clock is a fake
/// one, so each figure is exact.
/// </summary>
public sealed class ShortWindowAndRetryAfterTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task ShortWindow_RefusesABurstTheMinuteWouldAdmit_AndTheHeadersReportTheMinute()
    {
        // 600 a minute checked over 1 s: 10 at once, then one every 100 ms.
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with
        {
            RateLimits = new RateLimits { RequestsPerMinute = 600, ShortWindow = TimeSpan.FromSeconds(1) },
            Time = _clock,
        });
        using var client = new SimulatorClient(server);
        for (var i = 0; i < 10; i++)
        {
            using var ok = await client.PostAsync(Body);
            Assert.Equal(200, (int)ok.StatusCode);
        }

        using var refused = await client.PostAsync(Body);
        _clock.Advance(TimeSpan.FromMilliseconds(99));
        using var early = await client.PostAsync(Body);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        using var onTime = await client.PostAsync(Body);

        Assert.Equal(429, (int)refused.StatusCode);
        Assert.Equal("requests", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal("100", SimulatorClient.Header(refused, "retry-after-ms"));
        Assert.Equal("1", SimulatorClient.Header(refused, "retry-after"));
        // The minute still has 590 of its 600: only the second's share ran out.
        Assert.Equal("600", SimulatorClient.Header(refused, "x-ratelimit-limit-requests"));
        Assert.Equal("590", SimulatorClient.Header(refused, "x-ratelimit-remaining-requests"));
        Assert.Equal(429, (int)early.StatusCode);
        Assert.Equal(200, (int)onTime.StatusCode);
    }

    [Fact]
    public async Task NoShortWindow_TheSameBurstFitsTheMinute()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with
        {
            RateLimits = new RateLimits { RequestsPerMinute = 600 },
            Time = _clock,
        });
        using var client = new SimulatorClient(server);
        var statuses = new List<int>();
        for (var i = 0; i < 11; i++)
        {
            using var response = await client.PostAsync(Body);
            statuses.Add((int)response.StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(200, s));
    }

    [Theory]
    [InlineData(RetryAfterStyle.Provider, "20", "20000")]
    [InlineData(RetryAfterStyle.Seconds, "20", null)]
    [InlineData(RetryAfterStyle.Milliseconds, null, "20000")]
    [InlineData(RetryAfterStyle.None, null, null)]
    public async Task OpenAi_RetryAfterStyle_ChoosesTheWaitHeaders(RetryAfterStyle style, string? seconds, string? milliseconds)
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with
        {
            RateLimits = new RateLimits { RequestsPerMinute = 3, RetryAfter = style },
            Time = _clock,
        });
        using var client = new SimulatorClient(server);
        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.PostAsync(Body);
        }

        using var refused = await client.PostAsync(Body);

        Assert.Equal(429, (int)refused.StatusCode);
        Assert.Equal(seconds, SimulatorClient.Header(refused, "retry-after"));
        Assert.Equal(milliseconds, SimulatorClient.Header(refused, "retry-after-ms"));
        // The limit headers stay whatever the wait headers are.
        Assert.Equal("0", SimulatorClient.Header(refused, "x-ratelimit-remaining-requests"));
    }

    [Theory]
    [InlineData(RetryAfterStyle.Provider, "60", null)]
    [InlineData(RetryAfterStyle.Milliseconds, null, "60000")]
    public async Task Anthropic_RetryAfterStyle_ReplacesItsSecondsOnlyHeader(RetryAfterStyle style, string? seconds, string? milliseconds)
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with
        {
            RateLimits = new RateLimits { RequestsPerMinute = 1, RetryAfter = style },
            Time = _clock,
        });
        using var client = new MessagesClient(server);
        using var ok = await client.PostAsync(MessagesClient.Body(4, stream: false));

        using var refused = await client.PostAsync(MessagesClient.Body(4, stream: false));

        Assert.Equal(429, (int)refused.StatusCode);
        Assert.Equal(seconds, SimulatorClient.Header(refused, "retry-after"));
        Assert.Equal(milliseconds, SimulatorClient.Header(refused, "retry-after-ms"));
    }

    [Theory]
    [InlineData(RetryAfterStyle.Provider, null)]
    [InlineData(RetryAfterStyle.Seconds, "60")]
    public async Task Gemini_SendsNoWaitHeader_UnlessAStyleIsChosen(RetryAfterStyle style, string? seconds)
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with
        {
            RateLimits = new RateLimits { RequestsPerMinute = 1, RetryAfter = style },
            Time = _clock,
        });
        await GeminiWire.PostAsync(server, GeminiWire.BufferedPath, GeminiWire.Body(4));

        var (status, refused, body) = await GeminiWire.PostAsync(server, GeminiWire.BufferedPath, GeminiWire.Body(4));

        Assert.Equal(429, status);
        Assert.Equal(seconds, SimulatorClient.Header(refused, "retry-after"));
        // Its own wait stays in the body, as the API sends it.
        Assert.Contains("\"retryDelay\": \"60s\"", body, StringComparison.Ordinal);
    }

    private static string Body => SimulatorClient.ChatBody(new { model = "m", max_tokens = 1, messages = new[] { new { role = "user", content = "hi" } } });
}
