namespace LlmLoad.Simulator.Metrics;

/// <summary>A total of seconds (or any non-integral amount) that only grows, safe to add to from any thread without a lock.</summary>
internal sealed class DoubleCounter
{
    private double _value;

    public double Value => Volatile.Read(ref _value);

    public void Add(double amount)
    {
        if (double.IsNaN(amount) || amount < 0)
        {
            // A counter that goes down reads as a restart; a clock step that makes a duration negative adds nothing.
            return;
        }

        var seen = Volatile.Read(ref _value);
        while (true)
        {
            var previous = Interlocked.CompareExchange(ref _value, seen + amount, seen);
            if (BitConverter.DoubleToInt64Bits(previous) == BitConverter.DoubleToInt64Bits(seen))
            {
                return;
            }

            seen = previous;
        }
    }
}
