using System.Globalization;

namespace LlmLoad.Workload;

/// <summary>
/// A weighted mix of request categories (<c>workload.mix</c> in a scenario, <c>--mix</c> on the command
/// line), each entry written <c>NAME WEIGHT input DIST output DIST</c>, e.g.
/// <c>short_in_long_out 25% input 300:100 output lognormal:900:400:500:4000</c>. Weights are relative
/// (percentages or plain numbers); each request draws its category with probability weight / total.
/// </summary>
public sealed class WorkloadMix
{
    public const string EntryExpected = "NAME WEIGHT input LENGTH output LENGTH, e.g. short_in_long_out 25% input 300:100 output lognormal:900:400:500:4000";

    private readonly double[] _cumulative;

    public WorkloadMix(IReadOnlyList<WorkloadCategory> categories)
    {
        Categories = categories;
        _cumulative = new double[categories.Count];
        var total = 0.0;
        for (var i = 0; i < categories.Count; i++)
        {
            total += categories[i].Weight;
            _cumulative[i] = total;
        }

        TotalWeight = total;
    }

    public IReadOnlyList<WorkloadCategory> Categories { get; }

    public double TotalWeight { get; }

    public double Share(WorkloadCategory category) => category.Weight / TotalWeight;

    public WorkloadCategory Pick(Random random)
    {
        var point = random.NextDouble() * TotalWeight;
        var i = Array.FindIndex(_cumulative, c => point < c);
        return Categories[i < 0 ? Categories.Count - 1 : i];
    }

    /// <summary>Reads one entry; on error, says what was expected.</summary>
    public static bool TryParseEntry(string text, out WorkloadCategory category, out string error)
    {
        category = new WorkloadCategory("", 0, new LengthDistribution.Fixed(1), new LengthDistribution.Fixed(1));
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length != 6 || !words[2].Equals("input", StringComparison.OrdinalIgnoreCase) || !words[4].Equals("output", StringComparison.OrdinalIgnoreCase))
        {
            error = "expected " + EntryExpected;
            return false;
        }

        if (!words[0].All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            error = $"a category name is letters, digits, '_', '-' and '.', got '{words[0]}'";
            return false;
        }

        var weightText = words[1].TrimEnd('%');
        if (!double.TryParse(weightText, NumberStyles.Float, CultureInfo.InvariantCulture, out var weight) || weight < 0 || !double.IsFinite(weight))
        {
            error = $"'{words[1]}' is not a weight; expected a share such as 40% or a relative weight such as 2";
            return false;
        }

        if (!LengthDistribution.TryParse(words[3], out var input, out error) || !LengthDistribution.TryParse(words[5], out var output, out error))
        {
            return false;
        }

        if (output is LengthDistribution.Empirical)
        {
            error = "an output length cannot be empirical (the corpus gives prompts; use a distribution, or a corpus max_tokens)";
            return false;
        }

        category = new WorkloadCategory(words[0], weight, input, output);
        return true;
    }

    /// <summary>Checks the mix as a whole: unique names and weights adding up to more than zero.</summary>
    public static string? Problem(IReadOnlyList<WorkloadCategory> categories)
    {
        var duplicate = categories.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            return $"category '{duplicate.Key}' is given more than once";
        }

        return categories.Sum(c => c.Weight) > 0 ? null : "the weights of the mix add up to 0; give at least one category a weight above 0";
    }
}
