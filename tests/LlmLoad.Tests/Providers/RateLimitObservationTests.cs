using LlmLoad.Providers;

namespace LlmLoad.Tests.Providers;

public sealed class RateLimitObservationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void From_OpenAiHeaders_ReadsLimitsRemainingAndRetryAfterMsFirst()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("x-ratelimit-limit-requests", "10000");
        response.Headers.TryAddWithoutValidation("x-ratelimit-remaining-requests", "9999");
        response.Headers.TryAddWithoutValidation("x-ratelimit-limit-tokens", "30000000");
        response.Headers.TryAddWithoutValidation("x-ratelimit-remaining-tokens", "29999969");
        response.Headers.TryAddWithoutValidation("retry-after", "1");
        response.Headers.TryAddWithoutValidation("retry-after-ms", "84");

        var observed = RateLimitObservation.From(response.Headers, Now, RateLimitHeaders.OpenAi);

        Assert.Equal(new RateLimitObservation(10000, 9999, 30_000_000, 29_999_969, 0.084), observed);
    }

    [Fact]
    public void From_AnthropicHeaders_UsesTheCombinedTokenCounts_KeepsInputApart_AndRetryAfterSeconds()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("anthropic-ratelimit-requests-limit", "1000");
        response.Headers.TryAddWithoutValidation("anthropic-ratelimit-requests-remaining", "999");
        response.Headers.TryAddWithoutValidation("anthropic-ratelimit-tokens-limit", "96000");
        response.Headers.TryAddWithoutValidation("anthropic-ratelimit-tokens-remaining", "95000");
        response.Headers.TryAddWithoutValidation("anthropic-ratelimit-input-tokens-limit", "80000");
        response.Headers.TryAddWithoutValidation("retry-after", "20");

        Assert.Equal(
            new RateLimitObservation(1000, 999, 96000, 95000, 20) { InputTokens = new RateLimitBucket(80000, null, null) },
            RateLimitObservation.From(response.Headers, Now, RateLimitHeaders.Anthropic));
    }

    [Fact]
    public void From_RetryAfterAsHttpDate_IsSecondsFromNow_AndMinusOneIsUnknown()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("retry-after", "Sat, 28 Nov 2026 12:00:30 GMT");
        response.Headers.TryAddWithoutValidation("x-ratelimit-remaining-tokens", "-1");

        var observed = RateLimitObservation.From(response.Headers, Now, RateLimitHeaders.OpenAi);

        Assert.Equal(30, observed.RetryAfterSeconds);
        Assert.Null(observed.RemainingTokens);
    }

    [Fact]
    public void From_NoHeaders_IsEmpty()
    {
        using var response = new HttpResponseMessage();

        Assert.True(RateLimitObservation.From(response.Headers, Now, RateLimitHeaders.OpenAi).IsEmpty);
    }

    [Fact]
    public void From_OpenAiResetHeaders_AreGoDurationsInSeconds()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("x-ratelimit-limit-requests", "60");
        response.Headers.TryAddWithoutValidation("x-ratelimit-reset-requests", "1s");
        response.Headers.TryAddWithoutValidation("x-ratelimit-reset-tokens", "6m0s");

        var observed = RateLimitObservation.From(response.Headers, Now, RateLimitHeaders.OpenAi);

        Assert.Equal(1, observed.ResetRequestsSeconds);
        Assert.Equal(360, observed.ResetTokensSeconds);
    }

    [Fact]
    public void From_AnthropicInputAndOutputBuckets_ResetAtRfc3339Instants()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("anthropic-ratelimit-requests-reset", "2026-11-28T12:00:06Z");
        response.Headers.TryAddWithoutValidation("anthropic-ratelimit-input-tokens-limit", "80000");
        response.Headers.TryAddWithoutValidation("anthropic-ratelimit-input-tokens-remaining", "79000");
        response.Headers.TryAddWithoutValidation("anthropic-ratelimit-input-tokens-reset", "2026-11-28T12:00:01Z");
        response.Headers.TryAddWithoutValidation("anthropic-ratelimit-output-tokens-limit", "16000");
        response.Headers.TryAddWithoutValidation("anthropic-ratelimit-output-tokens-remaining", "0");
        response.Headers.TryAddWithoutValidation("anthropic-ratelimit-output-tokens-reset", "2026-11-28T12:01:00Z");

        var observed = RateLimitObservation.From(response.Headers, Now, RateLimitHeaders.Anthropic);

        Assert.Equal(6, observed.ResetRequestsSeconds);
        Assert.Equal(new RateLimitBucket(80000, 79000, 1), observed.InputTokens);
        Assert.Equal(new RateLimitBucket(16000, 0, 60), observed.OutputTokens);
        Assert.True(observed.HasLimits);
    }
}
