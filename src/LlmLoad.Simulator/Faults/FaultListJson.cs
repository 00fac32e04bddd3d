using System.Text.Json;

namespace LlmLoad.Simulator.Faults;

/// <summary>The admin endpoint's documents: <c>{"faults":[…]}</c> to replace, <c>{"uptime_s":…,"faults":[…]}</c> to report.</summary>
internal static class FaultListJson
{
    private const string FaultsName = "faults";
    private const string Expected = "expected {\"faults\":[…]} with one object per rule";

    /// <exception cref="FormatException">The document or one of its rules is invalid; the message says which.</exception>
    public static IReadOnlyList<FaultRule> ParseList(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException(Expected);
        }

        JsonElement? faults = null;
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name != FaultsName)
            {
                throw new FormatException($"unknown field \"{property.Name}\"; {Expected}");
            }

            faults = faults is null ? property.Value : throw new FormatException($"\"{FaultsName}\" is given twice");
        }

        if (faults is not { ValueKind: JsonValueKind.Array } array)
        {
            throw new FormatException(Expected);
        }

        var rules = new List<FaultRule>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            try
            {
                rules.Add(FaultRuleJson.Parse(item));
            }
            catch (FormatException e)
            {
                throw new FormatException($"faults[{rules.Count}]: {e.Message}", e);
            }
        }

        return rules;
    }

    public static void WriteState(Utf8JsonWriter json, TimeSpan uptime, IReadOnlyList<FaultRule> rules)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(rules);
        json.WriteStartObject();
        json.WriteNumber("uptime_s", Math.Round(uptime.TotalSeconds, 3));
        json.WriteStartArray(FaultsName);
        foreach (var rule in rules)
        {
            FaultRuleJson.Write(json, rule);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
