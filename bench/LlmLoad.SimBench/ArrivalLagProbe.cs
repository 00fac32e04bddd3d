using System.Diagnostics;

namespace LlmLoad.SimBench;

/// <summary>The simulator's fixed schedule in Stopwatch ticks, and where each content event's lateness against it is counted.</summary>
internal sealed class ArrivalLagProbe(double ttftMs, double itlMs)
{
    private readonly long _ttft = (long)(ttftMs * Stopwatch.Frequency / 1000);
    private readonly long _itl = (long)(itlMs * Stopwatch.Frequency / 1000);

    public ArrivalLagHistogram Histogram { get; } = new();

    /// <summary>
    /// Records the events numbered <paramref name="firstEvent"/> to <paramref name="lastEvent"/> (1 = the role chunk), all
    /// read at <paramref name="readAt"/>; content events are 2 to <paramref name="contentTokens"/> + 1.
    /// </summary>
    public void Record(int firstEvent, int lastEvent, int contentTokens, long roleArrivedAt, long readAt)
    {
        for (var e = Math.Max(firstEvent, 2); e <= Math.Min(lastEvent, contentTokens + 1); e++)
        {
            Histogram.Record(readAt - (roleArrivedAt + _ttft + ((e - 2) * _itl)));
        }
    }
}
