using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using LlmLoad.Shared;

namespace LlmLoad.Analysis.Slo;

/// <summary>
/// Reads objectives as users write them: <c>METRIC.STAT OP VALUE</c> over a latency distribution
/// (<c>ttft.p95&lt;800ms</c>), or <c>NAME OP VALUE</c> over the run (<c>error_rate&lt;1%</c>,
/// <c>goodput&gt;=95%</c>, <c>output_tokens_per_s&gt;500</c>). Whitespace is ignored. Each way an
/// expression can be wrong gets its own message saying what was expected.
/// </summary>
internal static class SloParser
{
    public const string Example = "e.g. ttft.p95<800ms or error_rate<1%";

    private static readonly string LatencyNames = string.Join(", ", LatencyMetricNames.All.Select(m => m.ToWireName()));
    private static readonly string MetricNames = $"{LatencyNames} (with .STAT), or {string.Join(", ", SloMeasureNames.RunLevel.Keys)}";

    public const string AbortExpected = "abort=D (stop the run when the objective fails over the last D of completed requests, e.g. abort=30s)";

    /// <summary>Parses <c>EXPRESSION[,abort=D]</c>.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out ServiceLevelObjective? objective, out string error)
    {
        objective = null;
        var parts = string.Concat(text.Where(c => !char.IsWhiteSpace(c))).Split(',');
        error = Parse(parts[0], ref objective);
        if (error.Length > 0)
        {
            return false;
        }

        foreach (var option in parts.Skip(1))
        {
            if (!option.StartsWith("abort=", StringComparison.OrdinalIgnoreCase) || !DurationText.TryParse(option["abort=".Length..], out var after) || after < TimeSpan.FromSeconds(1))
            {
                error = $"unknown option '{option}'; expected {AbortExpected}, at least 1s";
                objective = null;
                return false;
            }

            objective = objective! with { AbortAfter = after };
        }

        return objective is not null;
    }

    private static string Parse(string text, ref ServiceLevelObjective? objective)
    {
        if (text.Length == 0)
        {
            return $"empty expression; expected METRIC.STAT<VALUE, {Example}";
        }

        var at = text.IndexOfAny(['<', '>']);
        if (at < 0)
        {
            return text.Contains('=', StringComparison.Ordinal)
                ? $"'=' is not a comparison an objective can make; expected {SloComparisonText.Expected}, {Example}"
                : $"no comparison; expected {SloComparisonText.Expected} between the metric and the value, {Example}";
        }

        var length = at + 1 < text.Length && text[at + 1] == '=' ? 2 : 1;
        var left = text[..at];
        var right = text[(at + length)..];
        if (left.EndsWith('=') || left.EndsWith('!'))
        {
            return $"unknown comparison '{left[^1]}{text[at..(at + length)]}'; expected {SloComparisonText.Expected}";
        }

        if (right.IndexOfAny(['<', '>', '=']) >= 0)
        {
            return $"more than one comparison; expected exactly one of {SloComparisonText.Expected}, {Example}";
        }

        var comparison = (text[at], length) switch
        {
            ('<', 1) => SloComparison.Less,
            ('<', _) => SloComparison.LessOrEqual,
            (_, 1) => SloComparison.Greater,
            _ => SloComparison.GreaterOrEqual,
        };
        if (left.Length == 0)
        {
            return $"no metric before '{comparison.ToText()}'; expected one of {MetricNames}";
        }

        if (right.Length == 0)
        {
            return $"no value after '{comparison.ToText()}'; {Example}";
        }

        var metricError = ParseMetric(left.ToLowerInvariant(), out var measure, out var metric, out var statistic);
        if (metricError.Length > 0)
        {
            return metricError;
        }

        var valueError = ParseValue(right, measure, out var threshold);
        if (valueError.Length > 0)
        {
            return valueError;
        }

        objective = new ServiceLevelObjective(text, measure, metric, statistic, comparison, threshold);
        return "";
    }

    private static string ParseMetric(string name, out SloMeasure measure, out LatencyMetric? metric, out SloStatistic? statistic)
    {
        measure = SloMeasure.Latency;
        metric = null;
        statistic = null;
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var metricName = dot < 0 ? name : name[..dot];
        if (SloMeasureNames.RunLevel.TryGetValue(metricName, out var runLevel))
        {
            measure = runLevel;
            return dot < 0 ? "" : $"'{metricName}' takes no statistic; write it as {metricName}<VALUE";
        }

        metric = LatencyMetricNames.All.Cast<LatencyMetric?>().FirstOrDefault(m => m!.Value.ToWireName() == metricName);
        if (metric is null)
        {
            return $"unknown metric '{metricName}'; expected one of {MetricNames}";
        }

        if (dot < 0)
        {
            return $"'{metricName}' needs a statistic, e.g. {metricName}.p95; expected one of {SloStatisticNames.Expected}";
        }

        var statisticName = name[(dot + 1)..];
        statistic = SloStatisticNames.All.Cast<SloStatistic?>().FirstOrDefault(s => s!.Value.ToWireName() == statisticName);
        return statistic is null ? $"unknown statistic '{statisticName}'; expected one of {SloStatisticNames.Expected}" : "";
    }

    private static string ParseValue(string value, SloMeasure measure, out double threshold)
    {
        threshold = 0;
        if (measure == SloMeasure.Latency)
        {
            if (DurationText.TryParse(value, out var duration))
            {
                threshold = duration.TotalMilliseconds;
                return "";
            }

            return $"'{value}' is not a duration; expected a duration with its unit such as 800ms or 1.5s";
        }

        if (measure.IsShare())
        {
            var percent = value.EndsWith('%');
            if (TryNumber(percent ? value[..^1] : value, out var share) && share <= (percent ? 100 : 1))
            {
                threshold = percent ? share / 100 : share;
                return "";
            }

            return $"'{value}' is not a share; expected a percentage from 0% to 100% such as 1% or 99.5%, or a fraction from 0 to 1";
        }

        return TryNumber(value, out threshold) ? "" : $"'{value}' is not a rate; expected a number per second of at least 0, such as 500";
    }

    private static bool TryNumber(string text, out double number)
        => double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
}
