namespace LlmLoad.Comparison;

/// <summary>What one --fail-on rule found for one candidate.</summary>
/// <param name="Change">The change as the rule measures it (a share for % and pp, else the metric's unit); null when a figure is missing.</param>
/// <param name="PastThreshold">The change went past the threshold in the rule's direction.</param>
/// <param name="Regressed">Past the threshold and significant (or the metric has no test): this fails the comparison.</param>
internal sealed record FailOnVerdict(FailOnRule Rule, MetricComparison Comparison, double? Change, bool PastThreshold, bool Regressed)
{
    /// <summary>The candidate run's name.</summary>
    public string Candidate { get; init; } = "";
}
