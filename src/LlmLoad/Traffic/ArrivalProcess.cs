using System.Globalization;

namespace LlmLoad.Traffic;

public enum ArrivalKind
{
    Poisson,
    Constant,
    Gamma,
}

/// <summary>
/// How gaps between open-loop arrivals are drawn. Poisson: exponential gaps; constant: equal gaps;
/// gamma: gamma-distributed gaps of shape k with the same mean (k &lt; 1 burstier than Poisson, k &gt; 1 smoother).
/// </summary>
public sealed record ArrivalProcess(ArrivalKind Kind, double Shape = 1)
{
    public static bool TryParse(string text, out ArrivalProcess process, out string error)
    {
        process = new ArrivalProcess(ArrivalKind.Poisson);
        error = "";
        switch (text.Trim().ToLowerInvariant())
        {
            case "poisson":
                return true;
            case "constant":
                process = new ArrivalProcess(ArrivalKind.Constant);
                return true;
        }

        if (text.StartsWith("gamma:", StringComparison.OrdinalIgnoreCase)
            && double.TryParse(text.AsSpan(6), NumberStyles.Float, CultureInfo.InvariantCulture, out var shape)
            && shape > 0 && double.IsFinite(shape))
        {
            process = new ArrivalProcess(ArrivalKind.Gamma, shape);
            return true;
        }

        error = $"'{text}' is not an arrival process; expected poisson, constant or gamma:SHAPE with SHAPE > 0 (e.g. gamma:0.5)";
        return false;
    }

    public override string ToString() => Kind == ArrivalKind.Gamma
        ? string.Create(CultureInfo.InvariantCulture, $"gamma:{Shape}")
        : Kind.ToString().ToLowerInvariant();
}
