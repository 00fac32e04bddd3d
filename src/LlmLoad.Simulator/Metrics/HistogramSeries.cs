namespace LlmLoad.Simulator.Metrics;

/// <summary>
/// One histogram time series (fixed labels) with Prometheus semantics: a sample lands in the first bucket
/// whose upper bound is ≥ it. Observing allocates nothing and takes no lock, because the send-lag
/// histogram is observed once per streamed token, tens of thousands of times a second.
/// </summary>
internal sealed class HistogramSeries
{
    private readonly double[] _upperBounds;

    // Per bucket, not cumulative, so an observation touches one slot; the last slot is +Inf. Summing at
    // scrape time also makes _count equal to the +Inf bucket by construction.
    private readonly long[] _counts;
    private double _sum;

    public HistogramSeries(IReadOnlyList<double> upperBounds)
    {
        ArgumentNullException.ThrowIfNull(upperBounds);
        for (var i = 0; i < upperBounds.Count; i++)
        {
            if (!double.IsFinite(upperBounds[i]) || (i > 0 && upperBounds[i] <= upperBounds[i - 1]))
            {
                throw new ArgumentException("Bucket bounds must be finite and strictly increasing; +Inf is implied.", nameof(upperBounds));
            }
        }

        _upperBounds = [.. upperBounds];
        _counts = new long[_upperBounds.Length + 1];
    }

    /// <summary>The finite upper bounds, without the implied +Inf.</summary>
    public ReadOnlySpan<double> UpperBounds => _upperBounds;

    public double Sum => Volatile.Read(ref _sum);

    public void Observe(double value)
    {
        // One NaN would turn _sum into NaN for the life of the server; dropping the sample loses less.
        if (double.IsNaN(value))
        {
            return;
        }

        // Linear: at most ~20 bounds, and the common small values stop within the first few.
        var bucket = 0;
        while (bucket < _upperBounds.Length && value > _upperBounds[bucket])
        {
            bucket++;
        }

        Interlocked.Increment(ref _counts[bucket]);
        var sum = Volatile.Read(ref _sum);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref _sum, sum + value, sum);
            // Compared as bits, as CompareExchange compares: 0.0 and -0.0 are Equal but are not the same bits.
            if (BitConverter.DoubleToInt64Bits(seen) == BitConverter.DoubleToInt64Bits(sum))
            {
                return;
            }

            sum = seen;
        }
    }

    /// <summary>The count in bucket <paramref name="index"/> alone; index <c>UpperBounds.Length</c> is the +Inf bucket.</summary>
    public long CountIn(int index) => Volatile.Read(ref _counts[index]);
}
