using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace LlmLoad.Pricing;

/// <summary>One named entry of a YAML table (a model's price, a tier), read field by field; problems go to the error list with file:line.</summary>
/// <param name="File">How errors name the file.</param>
/// <param name="Path">Where the entry is, for messages: <c>models.gpt-4o</c>.</param>
/// <param name="Name">The entry's key.</param>
/// <param name="Line">The line of the key, for fields that are missing.</param>
/// <param name="Value">The entry's value: a mapping of fields when well formed.</param>
internal sealed record YamlEntry(string File, string Path, string Name, long Line, YamlNode Value)
{
    /// <summary>The fields in <paramref name="known"/> (others are reported), or null with an error when the entry is not a mapping.</summary>
    public IReadOnlyDictionary<string, YamlNode>? Fields(IReadOnlyCollection<string> known, List<string> errors)
    {
        if (Value is not YamlMappingNode mapping)
        {
            errors.Add($"{File}:{Value.Start.Line}: {Path}: expected a mapping of fields ({string.Join(", ", known)})");
            return null;
        }

        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var field = YamlTableFile.Text(keyNode);
            if (!known.Contains(field))
            {
                errors.Add($"{File}:{keyNode.Start.Line}: {Path}.{field}: unknown field; expected one of: {string.Join(", ", known)}");
            }
            else
            {
                fields[field] = valueNode;
            }
        }

        return fields;
    }

    /// <summary>A single text value, or null: absent, or not a single value (with an error).</summary>
    public string? Text(IReadOnlyDictionary<string, YamlNode> fields, string field, List<string> errors)
    {
        if (!fields.TryGetValue(field, out var node))
        {
            return null;
        }

        if (node is YamlScalarNode { Value: { Length: > 0 } value })
        {
            return value;
        }

        errors.Add($"{File}:{node.Start.Line}: {Path}.{field}: expected a single value");
        return null;
    }

    /// <summary>A number at least <paramref name="minimum"/> (and above it when <paramref name="exclusive"/>), or null with an error when missing or malformed.</summary>
    /// <param name="expected">What the number is, for messages: "USD per 1M input tokens".</param>
    public decimal? Number(IReadOnlyDictionary<string, YamlNode> fields, string field, string expected, List<string> errors, decimal minimum = 0, bool exclusive = false)
    {
        if (!fields.TryGetValue(field, out var node))
        {
            errors.Add($"{File}:{Line}: {Path}: missing {field} ({expected})");
            return null;
        }

        var bound = exclusive ? $"a number above {minimum.ToString(CultureInfo.InvariantCulture)}" : $"a number ≥ {minimum.ToString(CultureInfo.InvariantCulture)}";
        var text = node is YamlScalarNode scalar ? scalar.Value ?? "" : YamlTableFile.Text(node);
        if (node is not YamlScalarNode
            || !decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || value < minimum || (exclusive && value == minimum))
        {
            errors.Add($"{File}:{node.Start.Line}: {Path}.{field}: expected {expected}, {bound}, got '{text}'");
            return null;
        }

        return value;
    }

    /// <summary>A date written yyyy-mm-dd, or null: absent, or malformed (with an error).</summary>
    public string? Date(IReadOnlyDictionary<string, YamlNode> fields, string field, List<string> errors)
    {
        var text = Text(fields, field, errors);
        if (text is not null && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add($"{File}:{fields[field].Start.Line}: {Path}.{field}: expected a date yyyy-mm-dd, got '{text}'");
            return null;
        }

        return text;
    }

    /// <summary>A list of names (<c>[a, b]</c>, one per line, or a single name), or null with an error when missing or empty.</summary>
    public IReadOnlyList<string>? Names(IReadOnlyDictionary<string, YamlNode> fields, string field, string expected, List<string> errors)
    {
        if (!fields.TryGetValue(field, out var node))
        {
            errors.Add($"{File}:{Line}: {Path}: missing {field} ({expected})");
            return null;
        }

        var items = node switch
        {
            YamlScalarNode scalar => [scalar],
            YamlSequenceNode sequence => sequence.Children.ToList(),
            _ => [],
        };
        var names = items.OfType<YamlScalarNode>().Select(n => n.Value ?? "").Where(n => n.Length > 0).ToList();
        if (names.Count == 0 || names.Count != items.Count)
        {
            errors.Add($"{File}:{node.Start.Line}: {Path}.{field}: expected {expected}: a name or a list of names");
            return null;
        }

        return names;
    }
}
