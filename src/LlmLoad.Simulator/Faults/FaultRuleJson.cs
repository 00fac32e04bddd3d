using System.Text.Json;
using LlmLoad.Shared;

namespace LlmLoad.Simulator.Faults;

/// <summary>
/// A rule as the admin endpoint reads and writes it, with the <c>--fault</c> field names:
/// <c>{"kind":"stall","probability":0.1,"from":"60s","until":"120s","for":"5s","after":3}</c>.
/// Durations are strings in <see cref="DurationText"/> form; a missing or null field takes its default.
/// </summary>
internal static class FaultRuleJson
{
    private const string KindName = "kind";
    private const string Fields = "kind, probability, from, until, for or after";

    /// <exception cref="FormatException">The element is not a valid rule; the message says which part and why.</exception>
    public static FaultRule Parse(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"fault: expected an object such as {{\"kind\":\"503\",\"probability\":0.5}}, not {element.GetRawText()}");
        }

        var kind = ParseKind(element);
        var label = $"fault '{kind.WireName()}'";
        var probability = 1.0;
        TimeSpan? from = null, until = null, duration = null;
        int? afterTokens = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                throw Error(label, $"\"{property.Name}\" is given twice");
            }

            if (property.Name == KindName || property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            switch (Field(label, property.Name))
            {
                case FaultField.Probability:
                    probability = property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetDouble(out var p)
                        ? p
                        : throw Error(label, $"{Shown(property)}: expected a probability in (0, 1]");
                    break;
                case FaultField.From:
                    from = ParseDuration(label, property);
                    break;
                case FaultField.Until:
                    until = ParseDuration(label, property);
                    break;
                case FaultField.For:
                    duration = ParseDuration(label, property);
                    break;
                default:
                    afterTokens = property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out var tokens)
                        ? tokens
                        : throw Error(label, $"{Shown(property)}: expected a number of content tokens, 0 or more");
                    break;
            }
        }

        if (FaultRuleChecks.Problem(kind, probability, from, until, duration, afterTokens, FaultSyntax.Json) is { } problem)
        {
            throw Error(label, problem);
        }

        return new FaultRule(kind, probability, from, until, duration, afterTokens);
    }

    /// <summary>Writes every field that is set; probability always, so that a reader sees the share explicitly.</summary>
    public static void Write(Utf8JsonWriter json, FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(rule);
        json.WriteStartObject();
        json.WriteString(KindName, rule.Kind.WireName());
        json.WriteNumber(FaultSyntax.JsonName(FaultField.Probability), rule.Probability);
        WriteDuration(json, FaultField.From, rule.From);
        WriteDuration(json, FaultField.Until, rule.Until);
        WriteDuration(json, FaultField.For, rule.Duration);
        if (rule.AfterTokens is { } after)
        {
            json.WriteNumber(FaultSyntax.JsonName(FaultField.After), after);
        }

        json.WriteEndObject();
    }

    private static FaultKind ParseKind(JsonElement element)
    {
        if (!element.TryGetProperty(KindName, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw Error("fault", $"\"kind\" is required; expected one of {FaultKinds.Names}");
        }

        // A number is taken too: {"kind":503} is an easy slip for a status code.
        var name = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Number => value.GetRawText(),
            _ => throw Error("fault", $"\"kind\":{value.GetRawText()}: expected one of {FaultKinds.Names}"),
        };
        return FaultKinds.TryParse(name, out var kind)
            ? kind
            : throw Error("fault", $"unknown kind '{name}'; expected one of {FaultKinds.Names}");
    }

    private static FaultField Field(string label, string name)
    {
        foreach (var field in Enum.GetValues<FaultField>())
        {
            if (FaultSyntax.JsonName(field) == name)
            {
                return field;
            }
        }

        throw Error(label, $"unknown field \"{name}\"; expected {Fields}");
    }

    private static TimeSpan ParseDuration(string label, JsonProperty property)
        => property.Value.ValueKind == JsonValueKind.String && DurationText.TryParse(property.Value.GetString()!, out var duration)
            ? duration
            : throw Error(label, $"{Shown(property)}: expected a string with {DurationText.Expected}");

    private static void WriteDuration(Utf8JsonWriter json, FaultField field, TimeSpan? value)
    {
        if (value is { } duration)
        {
            json.WriteString(FaultSyntax.JsonName(field), FaultDuration.Format(duration));
        }
    }

    private static string Shown(JsonProperty property) => $"\"{property.Name}\":{property.Value.GetRawText()}";

    private static FormatException Error(string label, string problem) => new($"{label}: {problem}");
}
