namespace LlmLoad.LoadBench;

/// <summary>Exact order statistics of a sample (nearest rank); the bench keeps every sample, a run has tens of thousands.</summary>
internal sealed record Distribution(int Count, double Min, double P50, double P99, double Max)
{
    public static Distribution Empty { get; } = new(0, double.NaN, double.NaN, double.NaN, double.NaN);

    public static Distribution Of(IEnumerable<double> samples)
    {
        var sorted = samples.ToArray();
        if (sorted.Length == 0)
        {
            return Empty;
        }

        Array.Sort(sorted);
        return new Distribution(sorted.Length, sorted[0], Rank(sorted, 50), Rank(sorted, 99), sorted[^1]);
    }

    private static double Rank(double[] sorted, double percentile)
        => sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
