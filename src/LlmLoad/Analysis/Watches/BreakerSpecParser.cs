using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using LlmLoad.Shared;

namespace LlmLoad.Analysis.Watches;

/// <summary>
/// Reads <c>error_rate&gt;SHARE[,window=DURATION][,min=N]</c>, e.g. <c>error_rate&gt;50%,window=10s,min=20</c>.
/// Whitespace is ignored; each way a spec can be wrong names the bad part and what was expected.
/// </summary>
internal static class BreakerSpecParser
{
    public const string Expected = "error_rate>SHARE[,window=DURATION][,min=N], e.g. error_rate>50%,window=10s,min=20";
    private const string Metric = "error_rate";

    public static bool TryParse(string text, [NotNullWhen(true)] out BreakerSpec? spec, out string error)
    {
        spec = null;
        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        var parts = compact.Split(',');
        error = ParseCondition(parts[0], out var threshold);
        var window = BreakerSpec.DefaultWindow;
        var min = BreakerSpec.DefaultMinRequests;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in parts.Skip(1))
        {
            if (error.Length > 0)
            {
                break;
            }

            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? part : part[..eq].ToLowerInvariant();
            var value = eq < 0 ? "" : part[(eq + 1)..];
            error = name switch
            {
                _ when eq < 0 => $"'{part}' is not an option; expected window=DURATION or min=N",
                _ when !seen.Add(name) && name is "window" or "min" => $"'{name}' is given twice",
                "window" => DurationText.TryParse(value, out window) && window > TimeSpan.Zero
                    ? "" : $"window '{value}' is not a duration; expected {DurationText.Expected}, greater than zero",
                "min" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out min) && min >= 1
                    ? "" : $"min '{value}' is not a request count; expected a whole number of at least 1",
                _ => $"unknown option '{name}'; expected window=DURATION or min=N",
            };
        }

        if (error.Length > 0)
        {
            return false;
        }

        spec = new BreakerSpec(compact, threshold, window, min);
        return true;
    }

    private static string ParseCondition(string condition, out double threshold)
    {
        threshold = 0;
        if (condition.Length == 0)
        {
            return "empty condition; expected " + Expected;
        }

        var at = condition.IndexOfAny(['<', '>', '=']);
        var metric = (at < 0 ? condition : condition[..at]).ToLowerInvariant();
        if (metric != Metric)
        {
            return $"unknown metric '{metric}'; the breaker watches error_rate only, expected {Expected}";
        }

        if (at < 0 || condition[at] != '>' || (at + 1 < condition.Length && condition[at + 1] is '=' or '<' or '>'))
        {
            return $"'{condition}' has no '>'; the breaker trips when the error rate rises above a share, expected {Expected}";
        }

        var value = condition[(at + 1)..];
        var percent = value.EndsWith('%');
        var scale = percent ? 100.0 : 1.0;
        // At 100% nothing could ever pass the threshold: that is a breaker that never trips, so it is refused.
        if (double.TryParse(percent ? value[..^1] : value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var share) && share < scale)
        {
            threshold = share / scale;
            return "";
        }

        return $"'{value}' is not a share; expected a percentage from 0% to below 100% such as 50%, or a fraction from 0 to below 1";
    }
}
