using System.Globalization;
using LlmLoad.Shared;

namespace LlmLoad.Workload;

/// <summary>
/// A quantity given as <c>MEAN</c> or <c>MEAN:STDDEV</c> on the command line (token lengths, delays).
/// Samples come from a normal distribution truncated at <see cref="Minimum"/>; a zero standard
/// deviation makes every sample the mean.
/// </summary>
public readonly record struct NormalSpec(double Mean, double StdDev, double Minimum = 0)
{
    public static bool TryParse(string text, out NormalSpec spec, out string error)
    {
        spec = default;
        var parts = text.Split(':');
        if (parts.Length > 2 || !TryParseNonNegative(parts[0], out var mean)
            || (parts.Length == 2 && !TryParseNonNegative(parts[1], out _)))
        {
            error = $"'{text}' is not a valid value; expected MEAN or MEAN:STDDEV with non-negative numbers, e.g. 512 or 512:128";
            return false;
        }

        var stdDev = parts.Length == 2 ? double.Parse(parts[1], CultureInfo.InvariantCulture) : 0;
        spec = new NormalSpec(mean, stdDev);
        error = "";
        return true;
    }

    public double Sample(Random random)
    {
        if (StdDev == 0)
        {
            return Math.Max(Minimum, Mean);
        }

        return Math.Max(Minimum, Mean + (StdDev * random.NextStandardNormal()));
    }

    public override string ToString() => StdDev == 0
        ? Mean.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Mean}:{StdDev}");

    private static bool TryParseNonNegative(string text, out double value)
        => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
           && value >= 0 && double.IsFinite(value);
}
