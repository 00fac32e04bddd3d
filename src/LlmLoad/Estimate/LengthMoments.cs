
namespace LlmLoad.Estimate;

/// <summary>The mean and variance of a token length per request.</summary>
internal readonly record struct LengthMoments(double Mean, double Variance)
{
    public double StdDev => Math.Sqrt(Variance);

    /// <summary>A length that is always <paramref name="tokens"/>: a trace row's own length.</summary>
    public static LengthMoments Fixed(double tokens) => new(tokens, 0);

    /// <summary>The moments of the lengths given (population variance).</summary>
    public static LengthMoments Of(IEnumerable<double> lengths)
    {
        var list = lengths.ToList();
        var mean = list.Average();
        return new LengthMoments(mean, list.Average(l => (l - mean) * (l - mean)));
    }
}
