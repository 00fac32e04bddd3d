namespace LlmLoad.Simulator.Metrics;

/// <summary>One counter time series (fixed labels): a total that only grows, safe to add to from any thread.</summary>
internal sealed class CounterSeries
{
    private long _value;

    public long Value => Volatile.Read(ref _value);

    public void Add(long amount)
    {
        // A counter that goes down reads to Prometheus as a server restart, so refuse it at the source.
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        Interlocked.Add(ref _value, amount);
    }

    public void Increment() => Interlocked.Increment(ref _value);
}
