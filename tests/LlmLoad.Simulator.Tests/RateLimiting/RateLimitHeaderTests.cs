using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LlmLoad.Shared;
using LlmLoad.Simulator.RateLimiting;
using LlmLoad.Simulator.Tests.TestSupport;

namespace LlmLoad.Simulator.Tests.RateLimiting;

/// <summary>The rate limits as a client sees them: headers that count down, refill and reset, and 429s in each provider's shape.</summary>
public sealed class RateLimitHeaderTests
{
    [Fact]
    public async Task OpenAi_HeadersCountDown_ThenA429ForRequestsWithRetryAfter()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with
        {
            RateLimits = new RateLimits { RequestsPerMinute = 3, TokensPerMinute = 100_000 },
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
        // Three requests a minute refill one every 20 s; a little of that has passed.
        Assert.InRange(int.Parse(SimulatorClient.Header(refused, "retry-after")!, CultureInfo.InvariantCulture), 19, 20);
        Assert.InRange(ParseGoDuration(SimulatorClient.Header(refused, "x-ratelimit-reset-requests")!).TotalSeconds, 59, 60);
        Assert.Equal("0", SimulatorClient.Header(refused, "x-ratelimit-remaining-requests"));
        // A refused request costs nothing: three requests' worth of tokens are gone, not four.
        // (Plus what refilled meanwhile: 100,000 a minute is ~1,700 a second.)
        Assert.InRange(Remaining(refused, "x-ratelimit-remaining-tokens"), 100_000 - (3 * (promptTokens + 10)), 100_000 - (3 * (promptTokens + 10)) + 1000);
    }

    [Fact]
    public async Task OpenAi_TokenBucketRefillsAtTheConfiguredRate_AndRefusesOnTokens()
    {
        // 6,000 tokens a minute is 100 a second.
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with { RateLimits = new RateLimits { TokensPerMinute = 6000 } });
        using var client = new SimulatorClient(server);

        var beforeBig = Stopwatch.GetTimestamp();
        using var big = await client.PostAsync(Body(5000));
        var afterBig = Remaining(big, "x-ratelimit-remaining-tokens");
        using var tooMuch = await client.PostAsync(Body(2000));
        Assert.Equal(429, (int)tooMuch.StatusCode);
        Assert.Equal("tokens", JsonDocument.Parse(await tooMuch.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("type").GetString());

        await Task.Delay(1000);
        using var small = await client.PostAsync(Body(1));
        var elapsed = Stopwatch.GetElapsedTime(beforeBig).TotalSeconds;
        var smallCost = JsonDocument.Parse(await small.Content.ReadAsStringAsync()).RootElement.GetProperty("usage").GetProperty("prompt_tokens").GetInt64() + 1;
        // What came back between the two admissions: at least a second's worth, at most the whole elapsed time's.
        var refilled = Remaining(small, "x-ratelimit-remaining-tokens") + smallCost - afterBig;
        Assert.InRange(refilled, 100 * 0.95, 100 * elapsed * 1.05);
        // The reset is the time to refill everything that is missing at 100 per second.
        var missing = 6000 - Remaining(small, "x-ratelimit-remaining-tokens");
        // Within 50 ms (remaining is floored to whole tokens; the reset is rounded to milliseconds): a precision
        // argument would round both sides and fail whenever they straddle a rounding boundary.
        Assert.InRange(ParseGoDuration(SimulatorClient.Header(small, "x-ratelimit-reset-tokens")!).TotalSeconds, (missing / 100.0) - 0.05, (missing / 100.0) + 0.05);
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
        });
        using var client = new MessagesClient(server);

        var before = DateTimeOffset.UtcNow;
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
        Assert.InRange((reset - before).TotalSeconds, 39, 42);

        using var refused = await client.PostAsync(MessagesClient.Body(400, stream: false));
        Assert.Equal(429, (int)refused.StatusCode);
        var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("error", body.GetProperty("type").GetString());
        Assert.Equal("rate_limit_error", body.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("600 output tokens per minute", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        // 200 more output tokens at 10 a second.
        Assert.InRange(int.Parse(SimulatorClient.Header(refused, "retry-after")!, CultureInfo.InvariantCulture), 19, 20);
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
