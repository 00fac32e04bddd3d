using LlmLoad.Workload;

namespace LlmLoad.Estimate;

/// <summary>
/// The mean and variance of a token length drawn from a <see cref="NormalSpec"/> the way <see cref="SyntheticPrompts"/>
/// draws it: a normal sample raised to the minimum (a clamp, not a truncation: the mass below the minimum sits on it),
/// then rounded to a whole token. The clamp's moments are exact; the rounding is left out, which is exact for a fixed
/// length (handled apart) and shifts the mean by far less than a token otherwise.
/// </summary>
internal readonly record struct LengthMoments(double Mean, double Variance)
{
    public double StdDev => Math.Sqrt(Variance);

    /// <summary>A length that is always <paramref name="tokens"/>: a trace row's own length.</summary>
    public static LengthMoments Fixed(double tokens) => new(tokens, 0);

    public static LengthMoments Of(NormalSpec spec)
    {
        var minimum = Math.Max(1, spec.Minimum);
        if (spec.StdDev == 0)
        {
            return Fixed(Math.Max(1, Math.Round(Math.Max(minimum, spec.Mean))));
        }

        // Y = max(m, X), X ~ N(mu, sigma^2), a = (m - mu) / sigma:
        // E[Y]   = m Phi(a) + mu (1 - Phi(a)) + sigma phi(a)
        // E[Y^2] = m^2 Phi(a) + mu^2 (1 - Phi(a)) + 2 mu sigma phi(a) + sigma^2 ((1 - Phi(a)) + a phi(a))
        var (mu, sigma) = (spec.Mean, spec.StdDev);
        var a = (minimum - mu) / sigma;
        var below = NormalCdf(a);
        var above = 1 - below;
        var density = Math.Exp(-a * a / 2) / Math.Sqrt(2 * Math.PI);
        var mean = (minimum * below) + (mu * above) + (sigma * density);
        var square = (minimum * minimum * below) + (mu * mu * above) + (2 * mu * sigma * density) + (sigma * sigma * (above + (a * density)));
        return new LengthMoments(mean, Math.Max(0, square - (mean * mean)));
    }

    /// <summary>Phi, from erfc (W. J. Cody's rational approximations are overkill here: Abramowitz &amp; Stegun 7.1.26, |error| &lt; 1.5e-7).</summary>
    internal static double NormalCdf(double x)
    {
        var z = Math.Abs(x) / Math.Sqrt(2);
        var t = 1 / (1 + (0.3275911 * z));
        var poly = t * (0.254829592 + (t * (-0.284496736 + (t * (1.421413741 + (t * (-1.453152027 + (t * 1.061405429))))))));
        var erfc = poly * Math.Exp(-z * z);
        return x >= 0 ? 1 - (erfc / 2) : erfc / 2;
    }
}
