using System.Globalization;
using System.Text;
using LlmLoad.Shared;

namespace LlmLoad.Simulator.Faults;

/// <summary>
/// The <c>--fault</c> form: <c>KIND[,p=0.05][,from=60s][,until=120s][,for=5s][,after=3]</c>, e.g.
/// <c>503,from=60s,until=120s</c>, <c>429,p=0.05</c> or <c>stall,p=0.1,for=5s,after=3</c>.
/// </summary>
internal static class FaultRuleText
{
    public const string Form = "KIND[,p=0.05][,from=60s][,until=120s][,for=5s][,after=3]";

    /// <exception cref="FormatException">The text is not a valid rule; the message says which part and why.</exception>
    public static FaultRule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts[0].Length == 0)
        {
            throw Error(text, $"expected {Form}, where KIND is one of {FaultKinds.Names}");
        }

        if (!FaultKinds.TryParse(parts[0], out var kind))
        {
            throw Error(text, $"unknown kind '{parts[0]}'; expected one of {FaultKinds.Names}");
        }

        var probability = 1.0;
        TimeSpan? from = null, until = null, duration = null;
        int? afterTokens = null;
        var seen = new HashSet<FaultField>();
        foreach (var part in parts.AsSpan(1))
        {
            var (field, value) = Setting(text, part);
            if (!seen.Add(field))
            {
                throw Error(text, $"'{FaultSyntax.TextName(field)}=' is given twice");
            }

            switch (field)
            {
                case FaultField.Probability:
                    probability = ParseProbability(text, value);
                    break;
                case FaultField.From:
                    from = ParseDuration(text, field, value);
                    break;
                case FaultField.Until:
                    until = ParseDuration(text, field, value);
                    break;
                case FaultField.For:
                    duration = ParseDuration(text, field, value);
                    break;
                default:
                    afterTokens = ParseAfterTokens(text, value);
                    break;
            }
        }

        if (FaultRuleChecks.Problem(kind, probability, from, until, duration, afterTokens, FaultSyntax.Text) is { } problem)
        {
            throw Error(text, problem);
        }

        return new FaultRule(kind, probability, from, until, duration, afterTokens);
    }

    /// <summary>The canonical text: settings in a fixed order, defaults left out.</summary>
    public static string Format(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var text = new StringBuilder(rule.Kind.WireName());
        if (rule.Probability != 1)
        {
            text.Append(CultureInfo.InvariantCulture, $",p={rule.Probability:R}");
        }

        AppendDuration(text, FaultField.From, rule.From);
        AppendDuration(text, FaultField.Until, rule.Until);
        AppendDuration(text, FaultField.For, rule.Duration);
        if (rule.AfterTokens is { } after && after != FaultRule.DefaultAfterTokens)
        {
            text.Append(CultureInfo.InvariantCulture, $",after={after}");
        }

        return text.ToString();
    }

    private static (FaultField Field, string Value) Setting(string text, string part)
    {
        var equals = part.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            var shown = part.Length == 0 ? "an empty part" : $"'{part}'";
            throw Error(text, $"{shown}: expected key=value after the kind, as in {Form}");
        }

        var key = part[..equals].Trim();
        foreach (var field in Enum.GetValues<FaultField>())
        {
            if (string.Equals(FaultSyntax.TextName(field), key, StringComparison.OrdinalIgnoreCase))
            {
                return (field, part[(equals + 1)..].Trim());
            }
        }

        throw Error(text, $"unknown key '{key}'; expected p, from, until, for or after");
    }

    private static double ParseProbability(string text, string value)
        => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var probability)
            ? probability
            : throw Error(text, $"p={value}: expected a probability in (0, 1]");

    private static TimeSpan ParseDuration(string text, FaultField field, string value)
        => DurationText.TryParse(value, out var duration)
            ? duration
            : throw Error(text, $"{FaultSyntax.TextName(field)}={value}: expected {DurationText.Expected}");

    private static int ParseAfterTokens(string text, string value)
        => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var tokens)
            ? tokens
            : throw Error(text, $"after={value}: expected a number of content tokens, 0 or more");

    private static void AppendDuration(StringBuilder text, FaultField field, TimeSpan? value)
    {
        if (value is { } duration)
        {
            text.Append(',').Append(FaultSyntax.TextName(field)).Append('=').Append(FaultDuration.Format(duration));
        }
    }

    private static FormatException Error(string text, string problem) => new($"fault '{text}': {problem}");
}
