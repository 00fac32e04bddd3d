using System.Text.Json;
using LlmLoad.Cost;

namespace LlmLoad.Reporting;

/// <summary>The nullable fields every results file writes: the value, or an explicit null so readers always find the key.</summary>
internal static class JsonWriting
{
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
