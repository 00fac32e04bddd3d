using System.Diagnostics;

namespace LlmLoad.SimBench;

/// <summary>
/// How late each content event reached the driver against the simulator's fixed schedule, seen from the
/// client: the role chunk leaves at admission, so content token k is due TTFT + (k − 1) × ITL after the role
/// chunk arrived. It adds the socket write, the loopback and the driver's own read to the simulator's
/// self-reported lag, which stops at the hand-off to Kestrel's pipe; the difference between the two is where
/// the time went. Linear 10 µs buckets to 2 s, shared by every stream (one interlocked add per event).
/// </summary>
internal sealed class ArrivalLagHistogram
{
    private const long BucketMicroseconds = 10;
    private const int Buckets = 200_000;
    private readonly long[] _counts = new long[Buckets + 1];

    public void Record(long lagTicks)
    {
        var micros = Math.Max(0, lagTicks) * 1_000_000 / Stopwatch.Frequency;
        Interlocked.Increment(ref _counts[Math.Min(micros / BucketMicroseconds, Buckets)]);
    }

    public long[] Snapshot()
    {
        var copy = new long[_counts.Length];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = Volatile.Read(ref _counts[i]);
        }

        return copy;
    }

    public static long[] Minus(long[] later, long[] earlier) => later.Zip(earlier, static (a, b) => a - b).ToArray();

    public static long Count(long[] counts) => counts.Sum();

    /// <summary>The upper edge of the bucket holding the <paramref name="q"/> quantile, in milliseconds; +Inf past 2 s.</summary>
    public static double QuantileMs(long[] counts, double q)
    {
        var total = Count(counts);
        if (total == 0)
        {
            return double.NaN;
        }

        var rank = (long)Math.Ceiling(q * total);
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= rank)
            {
                return i == Buckets ? double.PositiveInfinity : (i + 1) * BucketMicroseconds / 1000.0;
            }
        }

        return double.PositiveInfinity;
    }

    public static double FractionWithinMs(long[] counts, double ms)
    {
        var total = Count(counts);
        var buckets = (int)(ms * 1000 / BucketMicroseconds);
        return total == 0 ? double.NaN : counts.Take(buckets).Sum() / (double)total;
    }
}
