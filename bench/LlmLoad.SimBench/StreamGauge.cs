namespace LlmLoad.SimBench;

/// <summary>A count of things open at once and the most there ever were; updated once per request, so a CAS loop is cheap enough.</summary>
internal sealed class StreamGauge
{
    private int _current;
    private int _peak;

    public int Current => Volatile.Read(ref _current);

    public int Peak => Volatile.Read(ref _peak);

    public void Enter()
    {
        var now = Interlocked.Increment(ref _current);
        var peak = Volatile.Read(ref _peak);
        while (now > peak)
        {
            var seen = Interlocked.CompareExchange(ref _peak, now, peak);
            if (seen == peak)
            {
                return;
            }

            peak = seen;
        }
    }

    public void Leave() => Interlocked.Decrement(ref _current);
}
