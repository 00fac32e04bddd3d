using System.Globalization;
using System.Text.RegularExpressions;

namespace LlmLoad.Comparison;

/// <summary>
/// Reads <c>--fail-on</c> rules: <c>METRIC&gt;+N%</c>, <c>METRIC&gt;+Npp</c>, <c>METRIC&gt;+Nms</c> (or <c>s</c>, or a bare
/// number in the metric's unit), and <c>&lt;-N…</c> for a fall (throughput, goodput). Every problem names the rule and what was expected.
/// </summary>
internal static partial class FailOnParser
{
    public static FailOnRule? Parse(string text, List<string> errors)
    {
        var match = Rule().Match(text);
        if (!match.Success)
        {
            errors.Add($"--fail-on '{text}': expected METRIC>+N% (or pp, ms, s, a bare number) or METRIC<-N%, e.g. 'ttft.p95>+10%', 'error_rate>+0.5pp', 'e2e.p99>+200ms', 'requests_per_s<-5%'");
            return null;
        }

        var name = match.Groups["metric"].Value;
        if (ComparedMetrics.Find(name) is not { } metric)
        {
            errors.Add($"--fail-on '{text}': unknown metric '{name}'; expected one of {string.Join(", ", ComparedMetrics.All.Select(m => m.Name))}");
            return null;
        }

        var op = match.Groups["op"].Value;
        var sign = match.Groups["sign"].Value;
        if ((op == ">") != (sign == "+"))
        {
            errors.Add($"--fail-on '{text}': a rise is written '>+N' and a fall '<-N'; got '{op}{sign}'");
            return null;
        }

        var amount = double.Parse(match.Groups["amount"].Value, CultureInfo.InvariantCulture);
        var unit = match.Groups["unit"].Value;
        (ThresholdUnit Unit, double Amount)? threshold = (unit, metric.Unit) switch
        {
            ("%", _) => (ThresholdUnit.Percent, amount / 100),
            ("pp", "share") => (ThresholdUnit.Points, amount / 100),
            ("ms", "ms") => (ThresholdUnit.Absolute, amount),
            ("s", "ms") => (ThresholdUnit.Absolute, amount * 1000),
            ("", not "ms" and not "share") => (ThresholdUnit.Absolute, amount),
            _ => null,
        };
        if (threshold is not { } t)
        {
            var expected = metric.Unit switch
            {
                "ms" => "% or a duration (ms, s)",
                "share" => "% (relative) or pp (percentage points)",
                _ => $"% or a bare number of {metric.Unit}",
            };
            errors.Add($"--fail-on '{text}': {metric.Name} takes {expected}; got '{(unit.Length == 0 ? "a bare number" : unit)}'");
            return null;
        }

        return new FailOnRule(text, metric, op == ">" ? 1 : -1, t.Amount, t.Unit);
    }

    [GeneratedRegex(@"^\s*(?<metric>[a-z_0-9]+(\.[a-z0-9_]+)?)\s*(?<op>[<>])\s*(?<sign>[+-])\s*(?<amount>[0-9]+(\.[0-9]+)?)\s*(?<unit>%|pp|ms|s)?\s*$")]
    private static partial Regex Rule();
}
