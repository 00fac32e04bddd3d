namespace LlmLoad.Comparison;

/// <summary>One candidate against the base: every metric, and the settings that differ.</summary>
internal sealed record RunComparison(ComparedRun Base, ComparedRun Candidate, IReadOnlyList<MetricComparison> Metrics, IReadOnlyList<SettingDifference> Differences)
{
    public MetricComparison this[string metric] => Metrics.First(m => m.Metric.Name == metric);
}
