namespace LlmLoad.Comparison;

/// <summary>A whole <c>llmload compare</c>: every candidate against the base, and what the --fail-on rules found.</summary>
internal sealed record ComparisonReport(ComparisonSettings Settings, ComparedRun Base, IReadOnlyList<RunComparison> Comparisons, IReadOnlyList<FailOnVerdict> Verdicts)
{
    public IEnumerable<FailOnVerdict> Regressions => Verdicts.Where(v => v.Regressed);

    public bool Regressed => Verdicts.Any(v => v.Regressed);

    /// <summary>Compares each candidate with the base and judges every rule on every candidate.</summary>
    public static ComparisonReport Create(ComparisonSettings settings, ComparedRun baseRun, IEnumerable<ComparedRun> candidates, IReadOnlyList<FailOnRule> rules)
    {
        var comparer = new RunComparer(settings);
        var comparisons = candidates.Select(c => comparer.Compare(baseRun, c)).ToList();
        var verdicts = comparisons.SelectMany(c => rules.Select(r => r.Judge(c[r.Metric.Name]) with { Candidate = c.Candidate.Name })).ToList();
        return new ComparisonReport(settings, baseRun, comparisons, verdicts);
    }
}
