using System.Globalization;
using System.Net.Http.Headers;

namespace LlmLoad.Providers;

/// <summary>
/// What a response said about the caller's rate limits: the limit and remaining counts under its API's
/// <see cref="RateLimitHeaders"/>, and on a refusal how long to wait
/// (<c>retry-after-ms</c>, else <c>retry-after</c> in seconds or as an HTTP date). −1, which Azure sends
/// for "unknown", is treated as absent.
/// </summary>
internal readonly record struct RateLimitObservation(
    long? LimitRequests, long? RemainingRequests, long? LimitTokens, long? RemainingTokens, double? RetryAfterSeconds)
{
    public bool IsEmpty => this == default;

    public static RateLimitObservation From(HttpResponseHeaders headers, DateTimeOffset now, RateLimitHeaders names)
    {
        var values = headers.NonValidated;
        return new RateLimitObservation(
            Count(values, names.LimitRequests),
            Count(values, names.RemainingRequests),
            Count(values, names.LimitTokens),
            Count(values, names.RemainingTokens),
            RetryAfter(values, now));
    }

    private static long? Count(HttpHeadersNonValidated headers, string name)
        => headers.TryGetValues(name, out var values)
           && long.TryParse(values.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) && count >= 0
            ? count
            : null;

    private static double? RetryAfter(HttpHeadersNonValidated headers, DateTimeOffset now)
    {
        if (headers.TryGetValues("retry-after-ms", out var milliseconds)
            && double.TryParse(milliseconds.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            return ms / 1000;
        }

        if (!headers.TryGetValues("retry-after", out var retryAfter))
        {
            return null;
        }

        var text = retryAfter.ToString();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return seconds;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? Math.Max(0, (date - now).TotalSeconds)
            : null;
    }
}
