using System.Globalization;
using System.Text.RegularExpressions;

namespace LlmLoad.Shared;

/// <summary>Durations as users write them: <c>90s</c>, <c>10m</c>, <c>1h</c>, <c>1m30s</c>, <c>250ms</c>.</summary>
internal static partial class DurationText
{
    public const string Expected = "a duration such as 500ms, 90s, 10m, 1h or 1m30s";

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var matches = Part().Matches(text.Trim());
        if (matches.Count == 0 || matches.Sum(m => m.Length) != text.Trim().Length)
        {
            return false;
        }

        try
        {
            foreach (Match match in matches)
            {
                var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                duration += match.Groups[2].Value switch
                {
                    "ms" => TimeSpan.FromMilliseconds(value),
                    "s" => TimeSpan.FromSeconds(value),
                    "m" => TimeSpan.FromMinutes(value),
                    _ => TimeSpan.FromHours(value),
                };
            }
        }
        catch (OverflowException)
        {
            // "99999999999h" is well-formed but larger than a TimeSpan: a typo to report, not a crash.
            duration = TimeSpan.Zero;
            return false;
        }

        return true;
    }

    public static string Format(TimeSpan duration) => duration.TotalSeconds < 1
        ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0.###}ms")
        : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.###}s");

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ms|s|m|h)")]
    private static partial Regex Part();
}
