using System.Net.Http.Headers;

namespace LlmLoad.Providers;

/// <summary>
/// How long until an exhausted limit refills, from the reset headers a refusal carries when it has no
/// <c>retry-after</c>: OpenAI's <c>x-ratelimit-reset-*</c> in Go duration syntax (<c>6m0s</c>, <c>12ms</c>) and
/// Anthropic's <c>anthropic-ratelimit-*-reset</c> as RFC 3339 times (wire-formats.md §2 and §3), each read by
/// <see cref="RateLimitReset"/>.
/// </summary>
internal static class ResetHeaders
{
    /// <summary>(remaining header, reset header) of each limit, OpenAI's and Anthropic's.</summary>
    private static readonly (string Remaining, string Reset)[] Limits =
    [
        ("x-ratelimit-remaining-requests", "x-ratelimit-reset-requests"),
        ("x-ratelimit-remaining-tokens", "x-ratelimit-reset-tokens"),
        ("anthropic-ratelimit-requests-remaining", "anthropic-ratelimit-requests-reset"),
        ("anthropic-ratelimit-tokens-remaining", "anthropic-ratelimit-tokens-reset"),
        ("anthropic-ratelimit-input-tokens-remaining", "anthropic-ratelimit-input-tokens-reset"),
        ("anthropic-ratelimit-output-tokens-remaining", "anthropic-ratelimit-output-tokens-reset"),
    ];

    /// <summary>
    /// Seconds until the exhausted limit (remaining 0) resets, the longest if several are; when none says it is
    /// exhausted, the shortest reset given (a retry too early is refused again and waits again). Null without any.
    /// </summary>
    public static double? WaitSeconds(HttpResponseHeaders headers, DateTimeOffset now)
    {
        var values = headers.NonValidated;
        double? exhausted = null, shortest = null;
        foreach (var (remaining, reset) in Limits)
        {
            if (!values.TryGetValues(reset, out var resetValue) || RateLimitReset.Seconds(resetValue.ToString(), now) is not { } seconds)
            {
                continue;
            }

            shortest = Math.Min(shortest ?? double.MaxValue, seconds);
            if (values.TryGetValues(remaining, out var left) && left.ToString().Trim() == "0")
            {
                exhausted = Math.Max(exhausted ?? 0, seconds);
            }
        }

        return exhausted ?? shortest;
    }
}
