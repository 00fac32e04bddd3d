namespace LlmLoad.Comparison;

/// <summary>What makes a latency percentile's change significant (<c>--significance</c>); proportions always use their z-test.</summary>
internal enum SignificanceRule
{
    /// <summary>The bootstrap interval excludes 0 and the Mann–Whitney p is below alpha: the default, fewest false alarms.</summary>
    Both,

    /// <summary>The bootstrap interval of the percentile's difference excludes 0: sees a change in the tail alone.</summary>
    Interval,

    /// <summary>The Mann–Whitney p is below alpha: a shift of the whole distribution.</summary>
    Rank,
}
