using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace LlmLoad.Providers;

/// <summary>
/// How long until an exhausted limit refills, from the reset headers a refusal carries when it has no
/// <c>retry-after</c>: OpenAI's <c>x-ratelimit-reset-*</c> in Go duration syntax (<c>6m0s</c>, <c>12ms</c>) and
/// Anthropic's <c>anthropic-ratelimit-*-reset</c> as RFC 3339 times (wire-formats.md §2 and §3).
/// </summary>
internal static partial class ResetHeaders
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
            if (!values.TryGetValues(reset, out var resetValue) || Parse(resetValue.ToString(), now) is not { } seconds)
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

    /// <summary>A Go duration (<c>1m30.5s</c>, <c>250ms</c>), plain seconds, or an RFC 3339 time; null when it is none.</summary>
    public static double? Parse(string text, DateTimeOffset now)
    {
        text = text.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) && plain >= 0)
        {
            return plain;
        }

        if (GoDuration().Match(text) is { Success: true } match)
        {
            var seconds = 0.0;
            for (var i = 0; i < match.Groups["n"].Captures.Count; i++)
            {
                var n = double.Parse(match.Groups["n"].Captures[i].Value, CultureInfo.InvariantCulture);
                seconds += n * match.Groups["u"].Captures[i].Value switch
                {
                    "h" => 3600,
                    "m" => 60,
                    "s" => 1,
                    "ms" => 1e-3,
                    "us" or "µs" => 1e-6,
                    _ => 1e-9,
                };
            }

            return seconds;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? Math.Max(0, (at - now).TotalSeconds)
            : null;
    }

    [GeneratedRegex(@"^(?:(?<n>\d+(?:\.\d+)?)(?<u>h|ms|m|s|us|µs|ns))+$", RegexOptions.CultureInvariant)]
    private static partial Regex GoDuration();
}
