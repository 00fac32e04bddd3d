using System.Globalization;

namespace LlmLoad.Providers;

/// <summary>
/// Reads a rate-limit reset header in each form the providers send, as seconds from now: OpenAI's Go durations
/// (<c>6m0s</c>, <c>1s</c>, <c>20ms</c>, <c>1.5s</c>; wire-formats.md §2), plain seconds, and Anthropic's RFC 3339
/// instants (<c>2025-08-21T12:40:59Z</c>; §3). Anything else is absent rather than a guess.
/// </summary>
internal static class RateLimitReset
{
    public static double? Seconds(string text, DateTimeOffset now)
    {
        text = text.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds >= 0 ? seconds : null;
        }

        if (GoDurationSeconds(text) is { } duration)
        {
            return duration;
        }

        return text.Contains('T', StringComparison.Ordinal)
               && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? Math.Max(0, (at - now).TotalSeconds)
            : null;
    }

    /// <summary>Go's <c>time.Duration</c> text: one or more number+unit pairs, units h, m, s, ms, us/µs, ns.</summary>
    public static double? GoDurationSeconds(ReadOnlySpan<char> text)
    {
        double total = 0;
        var parts = 0;
        while (!text.IsEmpty)
        {
            var digits = 0;
            while (digits < text.Length && (char.IsAsciiDigit(text[digits]) || text[digits] == '.'))
            {
                digits++;
            }

            if (digits == 0 || !double.TryParse(text[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            text = text[digits..];
            var unit = 0;
            while (unit < text.Length && !char.IsAsciiDigit(text[unit]) && text[unit] != '.')
            {
                unit++;
            }

            double? scale = text[..unit] switch
            {
                "h" => 3600,
                "m" => 60,
                "s" => 1,
                "ms" => 1e-3,
                "us" or "µs" or "μs" => 1e-6,
                "ns" => 1e-9,
                _ => null,
            };
            if (scale is not { } factor)
            {
                return null;
            }

            total += value * factor;
            text = text[unit..];
            parts++;
        }

        return parts > 0 ? total : null;
    }
}
