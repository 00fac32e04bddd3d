using System.Globalization;
using System.Text.Json;
using LlmLoad.Shared;
using LlmLoad.Simulator.RateLimiting;
using LlmLoad.Simulator.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace LlmLoad.Simulator.Tests.RateLimiting;

/// <summary>
/// The rate limits as a client sees them: headers that count down, refill and reset, and 429s in each
/// provider's shape. The server's clock is a fake one, so every figure is exact: time moves only when a test says.
/// </summary>
public sealed class RateLimitHeaderTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Noon);
    [Fact]
    public async Task OpenAi_HeadersCountDown_ThenA429ForRequestsWithRetryAfter()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with
        {
            RateLimits = new RateLimits { RequestsPerMinute = 3, TokensPerMinute = 100_000 },
            Time = _clock,
        });
        using var client = new SimulatorClient(server);
        var promptTokens = await PromptTokensAsync(client);

        // The first request (above) took one request and its tokens; two more fit.
        for (var remaining = 1; remaining >= 0; remaining--)
        {
            using var ok = await client.PostAsync(Body(10));
            Assert.Equal(200, (int)ok.StatusCode);
            Assert.Equal("3", SimulatorClient.Header(ok, "x-ratelimit-limit-requests"));
            Assert.Equal(remaining.ToString(CultureInfo.InvariantCulture), SimulatorClient.Header(ok, "x-ratelimit-remaining-requests"));
            Assert.Equal("100000", SimulatorClient.Header(ok, "x-ratelimit-limit-tokens"));
        }

        using var refused = await client.PostAsync(Body(10));
        Assert.Equal(429, (int)refused.StatusCode);
        var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("requests", error.GetProperty("type").GetString());
        Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
        Assert.Contains("Limit 3", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        // Three requests a minute refill one every 20 s, and no time has passed.
        Assert.Equal("20", SimulatorClient.Header(refused, "retry-after"));
        Assert.Equal("1m0s", SimulatorClient.Header(refused, "x-ratelimit-reset-requests"));
        Assert.Equal("0", SimulatorClient.Header(refused, "x-ratelimit-remaining-requests"));
        // A refused request costs nothing: three requests' worth of tokens are gone, not four.
        Assert.Equal(100_000 - (3 * (promptTokens + 10)), Remaining(refused, "x-ratelimit-remaining-tokens"));
    }

    [Fact]
    public async Task OpenAi_AClientThatWaitsTheRetryAfter_GetsIn()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with
        {
            RateLimits = new RateLimits { RequestsPerMinute = 1 },
            Time = _clock,
        });
        using var client = new SimulatorClient(server);
        using var first = await client.PostAsync(Body(1));
        using var refused = await client.PostAsync(Body(1));
        Assert.Equal(429, (int)refused.StatusCode);
        var retryAfter = TimeSpan.FromSeconds(int.Parse(SimulatorClient.Header(refused, "retry-after")!, CultureInfo.InvariantCulture));

        _clock.Advance(retryAfter - TimeSpan.FromMilliseconds(1));
        using var early = await client.PostAsync(Body(1));
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        using var onTime = await client.PostAsync(Body(1));

        Assert.Equal(TimeSpan.FromSeconds(60), retryAfter);
        Assert.Equal(429, (int)early.StatusCode);
        Assert.Equal(200, (int)onTime.StatusCode);
    }

    [Fact]
    public async Task Created_IsTheServersClock()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with { Time = _clock });
        using var client = new SimulatorClient(server);

        using var response = await client.PostAsync(Body(1));

        var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("created").GetInt64();
        Assert.Equal(Noon.ToUnixTimeSeconds(), created);
    }

    [Fact]
    public async Task OpenAi_TokenBucketRefillsAtTheConfiguredRate_AndRefusesOnTokens()
    {
        // 6,000 tokens a minute is 100 a second.
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with { RateLimits = new RateLimits { TokensPerMinute = 6000 }, Time = _clock });
        using var client = new SimulatorClient(server);

        using var big = await client.PostAsync(Body(5000));
        var afterBig = Remaining(big, "x-ratelimit-remaining-tokens");
        using var tooMuch = await client.PostAsync(Body(2000));
        Assert.Equal(429, (int)tooMuch.StatusCode);
        Assert.Equal("tokens", JsonDocument.Parse(await tooMuch.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("type").GetString());

        _clock.Advance(TimeSpan.FromSeconds(1.5));
        using var small = await client.PostAsync(Body(1));
        var smallCost = JsonDocument.Parse(await small.Content.ReadAsStringAsync()).RootElement.GetProperty("usage").GetProperty("prompt_tokens").GetInt64() + 1;
        // What came back between the two admissions: a second and a half at 100 a second.
        Assert.Equal(150, Remaining(small, "x-ratelimit-remaining-tokens") + smallCost - afterBig);
        // The reset is the time to refill everything that is missing at 100 per second.
        var missing = 6000 - Remaining(small, "x-ratelimit-remaining-tokens");
        Assert.Equal(TimeSpan.FromSeconds(missing / 100.0), ParseGoDuration(SimulatorClient.Header(small, "x-ratelimit-reset-tokens")!));
    }

    [Fact]
    public async Task OpenAi_RequestLargerThanTheWholeLimit_IsTooLargeWithoutRetryAfter()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with { RateLimits = new RateLimits { TokensPerMinute = 1000 } });
        using var client = new SimulatorClient(server);

        using var refused = await client.PostAsync(Body(5000));

        Assert.Equal(429, (int)refused.StatusCode);
        Assert.StartsWith("Request too large", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Null(SimulatorClient.Header(refused, "retry-after"));
    }

    [Fact]
    public async Task Anthropic_SeparateInputAndOutputBuckets_Rfc3339Resets_AndRateLimitError()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with
        {
            RateLimits = new RateLimits { RequestsPerMinute = 50, InputTokensPerMinute = 30_000, OutputTokensPerMinute = 600 },
            Time = _clock,
        });
        using var client = new MessagesClient(server);

        using var ok = await client.PostAsync(MessagesClient.Body(400, stream: false));
        Assert.Equal(200, (int)ok.StatusCode);
        var inputTokens = JsonDocument.Parse(await ok.Content.ReadAsStringAsync()).RootElement.GetProperty("usage").GetProperty("input_tokens").GetInt64();
        Assert.Equal("50", SimulatorClient.Header(ok, "anthropic-ratelimit-requests-limit"));
        Assert.Equal("49", SimulatorClient.Header(ok, "anthropic-ratelimit-requests-remaining"));
        Assert.Equal(30_000 - inputTokens, Remaining(ok, "anthropic-ratelimit-input-tokens-remaining"));
        Assert.Equal(200, Remaining(ok, "anthropic-ratelimit-output-tokens-remaining"));
        Assert.Equal(30_600, Remaining(ok, "anthropic-ratelimit-tokens-limit"));
        Assert.Equal(30_000 - inputTokens + 200, Remaining(ok, "anthropic-ratelimit-tokens-remaining"));
        // 400 output tokens at 10 a second: full again in 40 s, given as a UTC time.
        var reset = DateTimeOffset.ParseExact(SimulatorClient.Header(ok, "anthropic-ratelimit-output-tokens-reset")!, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.Equal(Noon.AddSeconds(40), reset);

        using var refused = await client.PostAsync(MessagesClient.Body(400, stream: false));
        Assert.Equal(429, (int)refused.StatusCode);
        var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("error", body.GetProperty("type").GetString());
        Assert.Equal("rate_limit_error", body.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("600 output tokens per minute", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        // 200 more output tokens at 10 a second.
        Assert.Equal("20", SimulatorClient.Header(refused, "retry-after"));
        Assert.Null(SimulatorClient.Header(refused, "x-ratelimit-limit-requests"));
    }

    [Fact]
    public async Task NoLimitsConfigured_NoRateLimitHeaders()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        using var client = new SimulatorClient(server);

        using var response = await client.PostAsync(Body(1));

        Assert.DoesNotContain(response.Headers, h => h.Key.StartsWith("x-ratelimit", StringComparison.OrdinalIgnoreCase));
    }

    private static string Body(int maxTokens)
        => SimulatorClient.ChatBody(new { model = "m", max_tokens = maxTokens, messages = new[] { new { role = "user", content = "hi" } } });

    private static async Task<long> PromptTokensAsync(SimulatorClient client)
    {
        using var response = await client.PostAsync(Body(10));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("usage").GetProperty("prompt_tokens").GetInt64();
    }

    private static long Remaining(HttpResponseMessage response, string header) => long.Parse(SimulatorClient.Header(response, header)!, CultureInfo.InvariantCulture);

    /// <summary>Go's duration syntax (<c>6m0s</c>, <c>1.5s</c>, <c>20ms</c>) is a subset of what users write for durations.</summary>
    private static TimeSpan ParseGoDuration(string text) => DurationText.TryParse(text, out var duration) ? duration : throw new FormatException(text);
}
