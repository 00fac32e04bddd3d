using LlmLoad.Shared;
using LlmLoad.Traffic;

namespace LlmLoad.Reporting;

/// <summary>
/// Which share of a run a segment's results are, and how well its start lined up: summary.json's <c>segment</c>.
/// A merged run (<c>llmload merge</c>) is the whole (1/1) with <see cref="Merged"/> naming its parts.
/// </summary>
/// <param name="StartAt">The agreed start (<c>--start-at</c>), or null when the segment started at once.</param>
/// <param name="StartSkewMs">The actual start minus <paramref name="StartAt"/>, by this machine's clock.</param>
/// <param name="Clock">The OS's NTP figures for this machine's clock, or null where it does not expose them.</param>
/// <param name="BudgetUsdWhole">The whole run's budget (<c>--budget-usd</c>), of which a segment spends 1/N; null without a budget.</param>
internal sealed record SegmentFacts(ExecutionSegment Segment, DateTimeOffset? StartAt, double? StartSkewMs, ClockSync.Reading? Clock, decimal? BudgetUsdWhole = null)
{
    /// <summary>For a merged run: each part's segment and start skew, in segment order; null for a run's own results.</summary>
    public IReadOnlyList<SegmentFacts>? Merged { get; init; }
}
