namespace LlmLoad.Analysis;

/// <summary>One closed window with its bounds in seconds since run start and the requests in flight at its end.</summary>
internal sealed record TimeSeriesRow(TimeWindow Window, double StartSeconds, double EndSeconds, long InFlight)
{
    /// <summary>What the run took from the per-minute rate limits in the minute ending at this window's end.</summary>
    public LastMinuteUsage LastMinute { get; init; }
}
