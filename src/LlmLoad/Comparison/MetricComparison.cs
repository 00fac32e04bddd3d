namespace LlmLoad.Comparison;

/// <summary>One metric of a candidate against the base.</summary>
/// <param name="Delta">Candidate − base in the metric's unit; null when either is missing.</param>
/// <param name="Relative">Delta over base (0.1 is +10%); null when base is 0 or missing.</param>
/// <param name="Interval">For a latency: the bootstrap interval of the difference at the comparison's level.</param>
/// <param name="P">The test's two-sided p-value (Mann–Whitney for a latency, z-test for a proportion); null without a test.</param>
/// <param name="Significant">Whether the change passes the comparison's significance rule; null when the metric has no test.</param>
internal sealed record MetricComparison(
    ComparedMetric Metric,
    double? Base,
    double? Candidate,
    double? Delta,
    double? Relative,
    (double Low, double High)? Interval,
    double? P,
    bool? Significant)
{
    /// <summary>The test that decided <see cref="Significant"/>, as docs/compare.md names it.</summary>
    public string Test => Metric.Kind switch
    {
        MetricKind.Latency => "bootstrap+mann_whitney",
        MetricKind.Proportion => "two_proportion_z",
        _ => "none",
    };

    /// <summary><c>worse</c> or <c>better</c> when significant, <c>same</c> when not, null without a test or figures.</summary>
    public string? Verdict => Significant switch
    {
        null => null,
        false => "same",
        true when Delta is not { } d || d == 0 => "same",
        true => (Delta > 0) == Metric.HigherIsWorse ? "worse" : "better",
    };
}
