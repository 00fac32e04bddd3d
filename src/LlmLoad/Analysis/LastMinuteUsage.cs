namespace LlmLoad.Analysis;

/// <summary>
/// What the run took from the per-minute limits in the minute ending at a window's end (since the start, in the first
/// minute): admitted requests and their input, output and total tokens. This is the count a limit "per minute" bounds,
/// so it is compared with the announced limit as it is, not extrapolated from a shorter span.
/// </summary>
internal readonly record struct LastMinuteUsage(long Requests, long InputTokens, long OutputTokens)
{
    public long Tokens => InputTokens + OutputTokens;

    public static double? Share(long used, long? limit) => limit is > 0 ? (double)used / limit.Value : null;
}
