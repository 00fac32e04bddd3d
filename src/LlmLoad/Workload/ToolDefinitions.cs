using System.Text.Json;
using System.Text.RegularExpressions;

namespace LlmLoad.Workload;

/// <summary>
/// Reads tool definitions in OpenAI's function-tool JSON (<c>[{"type": "function", "function": {"name", "description"?,
/// "parameters"?}}]</c>), the shape most tool-using logs are in; a bad one is a <see cref="FormatException"/> naming the field.
/// </summary>
public static partial class ToolDefinitions
{
    /// <param name="field">Where the list is, for the error: <c>tools</c>.</param>
    public static IReadOnlyList<ToolDefinition> Parse(JsonElement tools, string field)
    {
        if (tools.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"field '{field}': expected a list of {{\"type\": \"function\", \"function\": {{\"name\": ..., \"parameters\": ...}}}}");
        }

        var list = new List<ToolDefinition>();
        foreach (var tool in tools.EnumerateArray())
        {
            var at = $"{field}[{list.Count}]";
            if (tool.ValueKind != JsonValueKind.Object || !tool.TryGetProperty("type", out var type) || !type.ValueEquals("function"u8))
            {
                throw new FormatException($"field '{at}.type': expected \"function\" (the only tool type every API takes)");
            }

            if (!tool.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"field '{at}.function': expected an object with name and parameters");
            }

            var name = function.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "";
            if (!ValidName().IsMatch(name))
            {
                throw new FormatException($"field '{at}.function.name': expected 1 to 64 letters, digits, '_' or '-' (what every API accepts), got '{name}'");
            }

            if (list.Any(t => t.Name == name))
            {
                throw new FormatException($"field '{at}.function.name': '{name}' is defined twice");
            }

            string? description = null;
            if (function.TryGetProperty("description", out var d) && d.ValueKind != JsonValueKind.Null)
            {
                description = d.ValueKind == JsonValueKind.String ? d.GetString() : throw new FormatException($"field '{at}.function.description': expected text");
            }

            var parameters = ToolDefinition.NoParameters;
            if (function.TryGetProperty("parameters", out var p) && p.ValueKind != JsonValueKind.Null)
            {
                parameters = p.ValueKind == JsonValueKind.Object ? p.GetRawText() : throw new FormatException($"field '{at}.function.parameters': expected a JSON Schema object");
            }

            list.Add(new ToolDefinition(name, description, parameters));
        }

        return list;
    }

    /// <summary>A tools file (<c>--tools</c>): a JSON list of function tools; null with the problem in <paramref name="errors"/>.</summary>
    public static IReadOnlyList<ToolDefinition>? Load(string path, List<string> errors)
    {
        if (!File.Exists(path))
        {
            errors.Add($"{path}: tools file not found");
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var tools = Parse(document.RootElement, "tools");
            if (tools.Count == 0)
            {
                errors.Add($"{path}: the tools file lists no tools");
                return null;
            }

            return tools;
        }
        catch (JsonException ex)
        {
            errors.Add($"{path}:{ex.LineNumber + 1}: not valid JSON ({ex.Message})");
        }
        catch (FormatException ex)
        {
            errors.Add($"{path}: {ex.Message}");
        }

        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ValidName();
}
