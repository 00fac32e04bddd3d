using LlmLoad.Providers;

namespace LlmLoad.Routing;

/// <summary>
/// The retry policy of a run (<c>--retry</c>, <c>--retry-max-attempts</c>). A refusal's wait comes from the server
/// (<c>retry-after-ms</c>, <c>retry-after</c>, else its reset headers); without one, the OpenAI SDK's backoff:
/// 0.5 s × 2ⁿ capped at 8 s, less up to 25 % jitter drawn from the run's seed.
/// </summary>
/// <param name="MaxAttempts">Attempts per request, the first included.</param>
internal sealed record RetrySettings(RetryMode Mode, int MaxAttempts)
{
    public const int DefaultMaxAttempts = 3;

    public static RetrySettings Off { get; } = new(RetryMode.Off, DefaultMaxAttempts);

    public static TimeSpan BaseDelay { get; } = TimeSpan.FromMilliseconds(500);

    public static TimeSpan MaxBackoff { get; } = TimeSpan.FromSeconds(8);

    /// <summary>A server asking for a longer wait is not retried (the OpenAI SDK's limit is 120 s; a load test waits less).</summary>
    public static TimeSpan MaxServerWait { get; } = TimeSpan.FromSeconds(60);

    public bool Enabled => Mode != RetryMode.Off && MaxAttempts > 1;

    /// <summary>Whether the policy sends this failure again.</summary>
    public bool Retries(ResponseCapture capture) => !capture.Succeeded && !capture.NotRetryable && capture.Error switch
    {
        ErrorClass.RateLimited => Mode >= RetryMode.RateLimits,
        ErrorClass.Overloaded or ErrorClass.ServerError => Mode >= RetryMode.RateLimitsAndServerErrors,
        ErrorClass.Timeout or ErrorClass.Connection or ErrorClass.StreamError => Mode >= RetryMode.AllTransient,
        _ => false,
    };

    /// <summary>The wait before retry <paramref name="retry"/> (0 for the first): the server's, else the backoff.</summary>
    public static TimeSpan WaitBefore(ResponseCapture failed, int retry, Random jitter)
    {
        if ((failed.RateLimit.RetryAfterSeconds ?? failed.ResetAfterSeconds) is { } seconds)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        var backoff = Math.Min(MaxBackoff.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, retry));
        return TimeSpan.FromMilliseconds(backoff * (1 - (0.25 * jitter.NextDouble())));
    }

    public const string Expected = "off, 429, 429,5xx or all-transient";

    public static RetryMode ParseMode(string value) => value.Trim().ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal) switch
    {
        "off" or "none" => RetryMode.Off,
        "429" => RetryMode.RateLimits,
        "429,5xx" or "5xx,429" => RetryMode.RateLimitsAndServerErrors,
        "all-transient" => RetryMode.AllTransient,
        _ => throw new FormatException("expected " + Expected),
    };
}
