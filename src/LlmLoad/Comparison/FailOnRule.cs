using System.Globalization;

namespace LlmLoad.Comparison;

/// <summary>
/// One <c>--fail-on</c> rule, e.g. <c>ttft.p95&gt;+10%</c>: the candidate regressed when the metric's change goes past
/// the threshold in the rule's direction AND the change is significant (docs/compare.md).
/// </summary>
/// <param name="Direction">+1 for <c>&gt;+N</c> (a rise is the regression), −1 for <c>&lt;-N</c> (a fall is).</param>
/// <param name="Amount">The threshold's size, positive, in <paramref name="Unit"/> (a share for percent and points: 10% is 0.1; ms for latencies).</param>
internal sealed record FailOnRule(string Text, ComparedMetric Metric, int Direction, double Amount, ThresholdUnit Unit)
{
    /// <summary>The change as this rule measures it: relative, in points, or absolute; null when it cannot be measured.</summary>
    public double? Change(MetricComparison comparison) => Unit switch
    {
        ThresholdUnit.Percent => comparison.Relative ?? (comparison.Delta is { } d && d != 0 ? Math.Sign(d) * double.PositiveInfinity : comparison.Delta),
        _ => comparison.Delta,
    };

    /// <summary>
    /// Past the threshold in the rule's direction, and significant by the comparison's two-sided test (a metric
    /// without a test, a whole-run figure, is judged by the threshold alone).
    /// </summary>
    public FailOnVerdict Judge(MetricComparison comparison)
    {
        var change = Change(comparison);
        var past = change is { } c && Direction * c > Amount;
        return new FailOnVerdict(this, comparison, change, past, past && comparison.Significant is not false);
    }

    /// <summary>The threshold as the user wrote it in normal form: <c>+10%</c>, <c>+0.5pp</c>, <c>+200ms</c>.</summary>
    public string ThresholdText => (Direction > 0 ? "+" : "-") + Unit switch
    {
        ThresholdUnit.Percent => (Amount * 100).ToString("0.###", CultureInfo.InvariantCulture) + "%",
        ThresholdUnit.Points => (Amount * 100).ToString("0.###", CultureInfo.InvariantCulture) + "pp",
        _ => Amount.ToString("0.######", CultureInfo.InvariantCulture) + (Metric.Unit == "ms" ? "ms" : " " + Metric.Unit),
    };
}
