using System.Globalization;
using LlmLoad.Shared;

namespace LlmLoad.Workload;

/// <summary>
/// How many tokens a prompt or an answer has, drawn per request. Written as:
/// <c>512</c> (fixed), <c>512:128</c> (normal, mean:stddev), <c>normal:MEAN:SD[:MIN:MAX]</c>,
/// <c>uniform:MIN:MAX</c>, <c>lognormal:MEAN:SD[:MIN:MAX]</c> (the mean and standard deviation of the
/// lengths themselves, a long right tail), or <c>empirical</c> (the lengths of the corpus's own prompts).
/// Every draw is a whole number of at least 1, clamped to MIN..MAX when given.
/// </summary>
public abstract record LengthDistribution
{
    public const string Expected = "a length: 512 (fixed), 512:128 (normal), normal:MEAN:SD[:MIN:MAX], uniform:MIN:MAX, lognormal:MEAN:SD[:MIN:MAX] or empirical";

    /// <summary>The expected length, for estimates (for a clamped distribution, before clamping).</summary>
    public abstract double Mean { get; }

    public abstract int Sample(Random random);

    public static bool TryParse(string text, out LengthDistribution distribution, out string error)
    {
        distribution = new Fixed(1);
        error = "";
        var parts = text.Trim().ToLowerInvariant().Split(':');
        try
        {
            distribution = parts[0] switch
            {
                "normal" => Bounded(parts, (mean, sd, min, max) => new Normal(mean, sd, min, max)),
                "lognormal" => Bounded(parts, (mean, sd, min, max) => mean > 0 ? new LogNormal(mean, sd, min, max) : throw new FormatException("a lognormal length needs a mean above 0")),
                "uniform" when parts.Length == 3 => UniformOf(Number(parts[1]), Number(parts[2])),
                "uniform" => throw new FormatException("expected uniform:MIN:MAX, e.g. uniform:100:900"),
                "empirical" when parts.Length == 1 => new Empirical(),
                _ when parts.Length == 1 => Fixed.Of(Number(parts[0])),
                _ when parts.Length == 2 => new Normal(Number(parts[0]), Number(parts[1]), 1, double.PositiveInfinity),
                _ => throw new FormatException("expected " + Expected),
            };
            return true;
        }
        catch (FormatException ex)
        {
            error = $"'{text}': {ex.Message}";
            return false;
        }
    }

    private static LengthDistribution Bounded(string[] parts, Func<double, double, double, double, LengthDistribution> create)
    {
        if (parts.Length is not (3 or 5))
        {
            throw new FormatException($"expected {parts[0]}:MEAN:SD or {parts[0]}:MEAN:SD:MIN:MAX, e.g. {parts[0]}:512:128:16:4096");
        }

        var (min, max) = parts.Length == 5 ? (Math.Max(1, Number(parts[3])), Number(parts[4])) : (1, double.PositiveInfinity);
        return min <= max ? create(Number(parts[1]), Number(parts[2]), min, max) : throw new FormatException("MIN must not be above MAX");
    }

    private static Uniform UniformOf(double min, double max)
        => min >= 1 && min <= max ? new Uniform((int)min, (int)max) : throw new FormatException("expected uniform:MIN:MAX with 1 <= MIN <= MAX");

    private static double Number(string text)
        => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 && double.IsFinite(value)
            ? value
            : throw new FormatException($"'{text}' is not a number of tokens; expected {Expected}");

    private static int Clamp(double value, double min, double max) => (int)Math.Round(Math.Clamp(value, Math.Max(1, min), Math.Max(1, max)));

    public sealed record Fixed(int Tokens) : LengthDistribution
    {
        public override double Mean => Tokens;

        public static Fixed Of(double tokens) => tokens >= 1 ? new Fixed((int)Math.Round(tokens)) : throw new FormatException("a length is at least 1 token");

        public override int Sample(Random random) => Tokens;

        public override string ToString() => Tokens.ToString(CultureInfo.InvariantCulture);
    }

    public sealed record Normal(double MeanTokens, double StdDev, double Min, double Max) : LengthDistribution
    {
        public override double Mean => MeanTokens;

        public override int Sample(Random random) => Clamp(MeanTokens + (StdDev * random.NextStandardNormal()), Min, Max);

        public override string ToString() => double.IsPositiveInfinity(Max) && Min <= 1
            ? string.Create(CultureInfo.InvariantCulture, $"normal:{MeanTokens}:{StdDev}")
            : string.Create(CultureInfo.InvariantCulture, $"normal:{MeanTokens}:{StdDev}:{Min}:{Max}");
    }

    public sealed record Uniform(int Min, int Max) : LengthDistribution
    {
        public override double Mean => (Min + Max) / 2.0;

        public override int Sample(Random random) => random.Next(Min, Max + 1);

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"uniform:{Min}:{Max}");
    }

    /// <summary>Parameterised by the lengths' own mean and standard deviation: sigma^2 = ln(1 + sd^2/mean^2), mu = ln(mean) - sigma^2/2.</summary>
    public sealed record LogNormal(double MeanTokens, double StdDev, double Min, double Max) : LengthDistribution
    {
        private double Sigma => Math.Sqrt(Math.Log(1 + (StdDev * StdDev / (MeanTokens * MeanTokens))));

        public override double Mean => MeanTokens;

        public override int Sample(Random random)
            => Clamp(Math.Exp(Math.Log(MeanTokens) - (Sigma * Sigma / 2) + (Sigma * random.NextStandardNormal())), Min, Max);

        public override string ToString() => double.IsPositiveInfinity(Max) && Min <= 1
            ? string.Create(CultureInfo.InvariantCulture, $"lognormal:{MeanTokens}:{StdDev}")
            : string.Create(CultureInfo.InvariantCulture, $"lognormal:{MeanTokens}:{StdDev}:{Min}:{Max}");
    }

    /// <summary>The lengths the corpus's prompts actually have: the request takes a corpus prompt as it is.</summary>
    public sealed record Empirical : LengthDistribution
    {
        public override double Mean => double.NaN;

        public override int Sample(Random random) => throw new InvalidOperationException("an empirical length comes from the corpus prompt itself");

        public override string ToString() => "empirical";
    }
}
