namespace LlmLoad.SimBench;

/// <summary>
/// What one stream has seen so far. Written only by its own stream and summed by the reporter, so the
/// per-event path has no shared writes; the reporter's reads may be one event stale, which the figures do not notice.
/// </summary>
internal sealed class StreamTally
{
    public long Events;
    public long Completed;
    public long StatusErrors;
    public long TransportErrors;
    public long Truncated;

    public static TallySnapshot Sum(IEnumerable<StreamTally> tallies)
    {
        var sum = default(TallySnapshot);
        foreach (var t in tallies)
        {
            sum = new TallySnapshot(
                sum.Events + Volatile.Read(ref t.Events),
                sum.Completed + Volatile.Read(ref t.Completed),
                sum.StatusErrors + Volatile.Read(ref t.StatusErrors),
                sum.TransportErrors + Volatile.Read(ref t.TransportErrors),
                sum.Truncated + Volatile.Read(ref t.Truncated));
        }

        return sum;
    }
}

internal readonly record struct TallySnapshot(long Events, long Completed, long StatusErrors, long TransportErrors, long Truncated)
{
    public long Errors => StatusErrors + TransportErrors + Truncated;

    public static TallySnapshot operator -(TallySnapshot a, TallySnapshot b)
        => new(a.Events - b.Events, a.Completed - b.Completed, a.StatusErrors - b.StatusErrors, a.TransportErrors - b.TransportErrors, a.Truncated - b.Truncated);
}
