namespace LlmLoad.SimBench;

/// <summary>
/// The simulator's <c>llmload_simulator_send_lag_seconds</c> histogram (per streamed token: flush time − planned
/// time) as cumulative bucket counts; two scrapes subtract to the tokens sent between them.
/// </summary>
internal sealed record SendLagHistogram(IReadOnlyList<double> UpperBounds, IReadOnlyList<double> Cumulative, double Count, double Sum)
{
    public static SendLagHistogram Empty { get; } = new([], [], 0, 0);

    public double MeanSeconds => Count > 0 ? Sum / Count : double.NaN;

    public SendLagHistogram Minus(SendLagHistogram earlier)
    {
        if (earlier.UpperBounds.Count == 0)
        {
            return this;
        }

        if (!earlier.UpperBounds.SequenceEqual(UpperBounds))
        {
            throw new InvalidDataException("the two scrapes have different send-lag buckets");
        }

        return new SendLagHistogram(UpperBounds, Cumulative.Zip(earlier.Cumulative, static (a, b) => a - b).ToArray(), Count - earlier.Count, Sum - earlier.Sum);
    }

    /// <summary>Share of tokens late by at most <paramref name="bound"/> seconds; exact when the bound is a bucket edge.</summary>
    public double FractionWithin(double bound)
    {
        var index = UpperBounds.ToList().IndexOf(bound);
        return index < 0 ? throw new ArgumentException($"{bound} is not a bucket edge", nameof(bound))
            : Count > 0 ? Cumulative[index] / Count : double.NaN;
    }

    /// <summary>
    /// As Prometheus's <c>histogram_quantile</c>: linear within the bucket the rank falls in (the first bucket
    /// starts at 0). A rank in the +Inf bucket gives +Inf: the lag is beyond the last edge and its size unknown.
    /// </summary>
    public double Quantile(double q)
    {
        if (Count <= 0)
        {
            return double.NaN;
        }

        var rank = q * Count;
        var lowerBound = 0.0;
        var lowerCount = 0.0;
        for (var i = 0; i < UpperBounds.Count; i++)
        {
            if (Cumulative[i] >= rank)
            {
                if (double.IsPositiveInfinity(UpperBounds[i]))
                {
                    return double.PositiveInfinity;
                }

                var inBucket = Cumulative[i] - lowerCount;
                return inBucket <= 0 ? UpperBounds[i] : lowerBound + ((UpperBounds[i] - lowerBound) * (rank - lowerCount) / inBucket);
            }

            lowerBound = UpperBounds[i];
            lowerCount = Cumulative[i];
        }

        return double.PositiveInfinity;
    }
}
