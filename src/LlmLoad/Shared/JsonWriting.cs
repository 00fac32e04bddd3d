using System.Reflection;
using System.Text.Json;

namespace LlmLoad.Shared;

/// <summary>
/// What every llmload JSON file shares: the header naming schema and tool, and nullable fields written as the
/// value or an explicit null, so that readers always find the key.
/// </summary>
internal static class JsonWriting
{
    /// <summary>The start every llmload JSON document shares: its <c>schema</c> and the <c>tool</c> that wrote it.</summary>
    public static void WriteHeader(this Utf8JsonWriter json, string schema)
    {
        json.WriteString("schema", schema);
        json.WriteStartObject("tool");
        json.WriteString("name", "llmload");
        json.WriteString("version", ToolVersion);
        json.WriteEndObject();
    }

    public static string ToolVersion { get; } =
        typeof(JsonWriting).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static void WriteNumberOrNull(this Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    public static void WriteNumberOrNull(this Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>Amounts and counts kept as decimals, written without the trailing zeros decimal arithmetic keeps.</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, Usd.Normalize(number));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    public static void WriteStringOrNull(this Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
