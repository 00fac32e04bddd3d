using System.Globalization;

namespace LlmLoad.Analysis.Server;

/// <summary>
/// A Prometheus histogram at one scrape, its series (per model, per rank) added together: cumulative counts per
/// upper bound (the last is +Inf), the count and the sum. Two scrapes' difference is the histogram of what was
/// observed between them, which is how a window gets its own percentiles from a server's cumulative histogram.
/// </summary>
internal sealed record HistogramSnapshot(IReadOnlyList<double> UpperBounds, IReadOnlyList<double> Cumulative, double Count, double Sum)
{
    public static HistogramSnapshot Empty { get; } = new([], [], 0, 0);

    /// <summary>The histogram named <paramref name="name"/> in one scrape, or null when it is absent or has no +Inf bucket.</summary>
    public static HistogramSnapshot? From(IEnumerable<MetricFamily> families, string name)
    {
        var byBound = new SortedDictionary<double, double>();
        double count = 0, sum = 0;
        var found = false;
        foreach (var sample in families.Where(f => f.Name == name).SelectMany(f => f.Samples))
        {
            if (sample.Name == name + "_bucket" && sample.Label("le") is { } le)
            {
                var bound = ExpositionParser.ParseValue(le);
                byBound[bound] = byBound.GetValueOrDefault(bound) + sample.Value;
                found = true;
            }
            else if (sample.Name == name + "_count")
            {
                count += sample.Value;
            }
            else if (sample.Name == name + "_sum")
            {
                sum += sample.Value;
            }
        }

        return found && byBound.ContainsKey(double.PositiveInfinity) ? new HistogramSnapshot([.. byBound.Keys], [.. byBound.Values], count, sum) : null;
    }

    /// <summary>
    /// What was observed since <paramref name="earlier"/>. A count that went down means the server restarted:
    /// then everything in this scrape is new, as Prometheus's rate() reads a counter reset.
    /// </summary>
    public HistogramSnapshot Since(HistogramSnapshot? earlier)
    {
        if (earlier is null || earlier.Count > Count || !earlier.UpperBounds.SequenceEqual(UpperBounds))
        {
            return earlier is null || earlier.Count > Count ? this : Empty;
        }

        return new HistogramSnapshot(UpperBounds, [.. Cumulative.Select((c, i) => Math.Max(0, c - earlier.Cumulative[i]))], Count - earlier.Count, Sum - earlier.Sum);
    }

    /// <summary>
    /// The <paramref name="quantile"/> by linear interpolation inside the bucket it falls in, as PromQL's
    /// histogram_quantile does (the first bucket starts at 0; in the +Inf bucket the answer is the highest finite
    /// bound); null when nothing was observed.
    /// </summary>
    public double? Quantile(double quantile)
    {
        var total = Cumulative.Count == 0 ? 0 : Cumulative[^1];
        if (total <= 0)
        {
            return null;
        }

        var rank = quantile * total;
        for (var i = 0; i < UpperBounds.Count; i++)
        {
            if (Cumulative[i] < rank)
            {
                continue;
            }

            if (double.IsPositiveInfinity(UpperBounds[i]))
            {
                return i > 0 ? UpperBounds[i - 1] : null;
            }

            var lower = i == 0 ? 0 : UpperBounds[i - 1];
            var below = i == 0 ? 0 : Cumulative[i - 1];
            var inBucket = Cumulative[i] - below;
            return inBucket <= 0 ? UpperBounds[i] : lower + ((UpperBounds[i] - lower) * (rank - below) / inBucket);
        }

        return null;
    }

    /// <summary>The mean observation (sum / count), exact where percentiles are bucket-bound; null when nothing was observed.</summary>
    public double? Mean => Count > 0 ? Sum / Count : null;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"count {Count}, sum {Sum}");
}
