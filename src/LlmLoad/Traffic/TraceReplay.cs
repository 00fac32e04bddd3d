namespace LlmLoad.Traffic;

/// <summary>Replays a trace's arrivals, with their offsets multiplied by a time scale (0.5 replays twice as fast).</summary>
internal sealed class TraceReplay(IReadOnlyList<TraceArrival> trace, double timeScale) : IArrivals
{
    private int _next;

    public Arrival? Next()
    {
        if (_next >= trace.Count)
        {
            return null;
        }

        var arrival = trace[_next++];
        return new Arrival(TimeSpan.FromSeconds(arrival.OffsetSeconds * timeScale), arrival.InputTokens, arrival.OutputTokens);
    }
}
