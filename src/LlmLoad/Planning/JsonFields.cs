using System.Globalization;
using System.Text.Json;

namespace LlmLoad.Planning;

/// <summary>
/// Reads fields of a results file (summary.json, find-limit.json) by their dotted path, so that every problem names
/// the file and the field: <c>summary.json: tokens.input_total: missing</c>.
/// </summary>
/// <param name="File">How messages and sources name the file: its path relative to the results directory.</param>
internal sealed class JsonFields(string File, JsonElement root, List<string> errors)
{
    public string File { get; } = File;

    /// <summary>Parses <paramref name="path"/>; null (with an error naming <paramref name="name"/>) when it cannot be read or is not JSON.</summary>
    public static JsonDocument? Load(string path, string name, List<string> errors)
    {
        try
        {
            return JsonDocument.Parse(System.IO.File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            errors.Add($"{name}: not valid JSON ({e.Message})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add($"{name}: cannot be read ({e.Message})");
        }

        return null;
    }

    /// <summary>The element at <paramref name="path"/> (<c>latency_ms.e2e.mean</c>), or null when any part is missing or null.</summary>
    public JsonElement? Find(string path)
    {
        var element = root;
        foreach (var part in path.Split('.'))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(part, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.Null ? null : element;
    }

    /// <summary>A number that must be there; null with an error when missing or not a number.</summary>
    public decimal? Required(string path)
    {
        var number = Optional(path);
        if (number is null && Find(path) is null)
        {
            errors.Add($"{File}: {path}: missing; is this a results file of this llmload version?");
        }

        return number;
    }

    /// <summary>A number that may be missing or null; an error only when it is there and not a number.</summary>
    public decimal? Optional(string path)
    {
        if (Find(path) is not { } element)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out var value))
        {
            return value;
        }

        errors.Add($"{File}: {path}: expected a number, got {element.GetRawText()}");
        return null;
    }

    public string? Text(string path) => Find(path) is { ValueKind: JsonValueKind.String } element ? element.GetString() : null;

    public bool? Boolean(string path) => Find(path) is { ValueKind: JsonValueKind.True or JsonValueKind.False } element ? element.GetBoolean() : null;

    /// <summary>The objects of the array at <paramref name="path"/>; empty when it is missing.</summary>
    public IEnumerable<JsonElement> Objects(string path)
        => Find(path) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object) : [];

    /// <summary>True when the file's <c>schema</c> is <paramref name="schema"/>; else an error saying what it is.</summary>
    public bool HasSchema(string schema)
    {
        var actual = Text("schema");
        if (actual == schema)
        {
            return true;
        }

        errors.Add($"{File}: schema: expected {schema}, got {(actual is null ? "none" : $"'{actual}'")}");
        return false;
    }

    /// <summary>A number as text for a source line, in the invariant culture.</summary>
    public static string Show(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}
