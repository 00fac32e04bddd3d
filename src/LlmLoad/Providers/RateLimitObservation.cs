using System.Globalization;
using System.Net.Http.Headers;

namespace LlmLoad.Providers;

/// <summary>
/// What a response said about the caller's rate limits: the limit and remaining counts under its API's
/// <see cref="RateLimitHeaders"/>, when each is full again (<see cref="RateLimitReset"/>: Go durations, seconds,
/// RFC 3339), and on a refusal how long to wait (<c>retry-after-ms</c>, else <c>retry-after</c> in seconds or as
/// an HTTP date). −1, which Azure sends for "unknown", is treated as absent.
/// </summary>
internal readonly record struct RateLimitObservation(
    long? LimitRequests, long? RemainingRequests, long? LimitTokens, long? RemainingTokens, double? RetryAfterSeconds)
{
    /// <summary>Seconds until the request limit is full again.</summary>
    public double? ResetRequestsSeconds { get; init; }

    /// <summary>Seconds until the token limit is full again.</summary>
    public double? ResetTokensSeconds { get; init; }

    /// <summary>A separate input-token limit (Anthropic's ITPM); empty for an API with one token limit.</summary>
    public RateLimitBucket InputTokens { get; init; }

    /// <summary>A separate output-token limit (Anthropic's OTPM).</summary>
    public RateLimitBucket OutputTokens { get; init; }

    public bool IsEmpty => this == default;

    /// <summary>Whether the response announced any limit (not only a wait).</summary>
    public bool HasLimits => LimitRequests is not null || LimitTokens is not null || InputTokens.Limit is not null || OutputTokens.Limit is not null;

    /// <summary>
    /// Seconds until an exhausted limit (remaining 0) is full again, the longest if several are; when none says it is
    /// exhausted, the shortest reset given (a retry too early is refused again and waits again). Null without any.
    /// </summary>
    public double? ResetWaitSeconds
    {
        get
        {
            RateLimitBucket[] buckets = [new(LimitRequests, RemainingRequests, ResetRequestsSeconds), new(LimitTokens, RemainingTokens, ResetTokensSeconds), InputTokens, OutputTokens];
            var resets = buckets.Where(b => b.ResetSeconds is not null).ToList();
            var exhausted = resets.Where(b => b.Remaining == 0).Select(b => b.ResetSeconds).Max();
            return exhausted ?? resets.Select(b => b.ResetSeconds).Min();
        }
    }

    public static RateLimitObservation From(HttpResponseHeaders headers, DateTimeOffset now, RateLimitHeaders names)
    {
        var values = headers.NonValidated;
        return new RateLimitObservation(
            Count(values, names.LimitRequests),
            Count(values, names.RemainingRequests),
            Count(values, names.LimitTokens),
            Count(values, names.RemainingTokens),
            RetryAfter(values, now))
        {
            ResetRequestsSeconds = Reset(values, names.ResetRequests, now),
            ResetTokensSeconds = Reset(values, names.ResetTokens, now),
            InputTokens = Bucket(values, names.InputTokens, now),
            OutputTokens = Bucket(values, names.OutputTokens, now),
        };
    }

    private static RateLimitBucket Bucket(HttpHeadersNonValidated headers, BucketHeaders? names, DateTimeOffset now)
        => names is null ? default : new RateLimitBucket(Count(headers, names.Limit), Count(headers, names.Remaining), Reset(headers, names.Reset, now));

    private static double? Reset(HttpHeadersNonValidated headers, string? name, DateTimeOffset now)
        => name is not null && headers.TryGetValues(name, out var values) ? RateLimitReset.Seconds(values.ToString(), now) : null;

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
