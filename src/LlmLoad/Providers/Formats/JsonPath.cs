using System.Text;
using System.Text.Json;

namespace LlmLoad.Providers.Formats;

/// <summary>
/// A path into a JSON value, in the small subset of JSONPath a response mapping needs: <c>$.a.b[0].c</c>
/// (the <c>$.</c> is optional; <c>['odd name']</c> quotes a name). Evaluated with a forward-only reader,
/// skipping what is not on the path, so a streamed event is never parsed into a document.
/// </summary>
internal sealed class JsonPath
{
    private readonly Step[] _steps;

    private JsonPath(string text, Step[] steps)
    {
        Text = text;
        _steps = steps;
    }

    /// <summary>The path as the user wrote it, for messages.</summary>
    public string Text { get; }

    /// <summary>What a path looks like, for errors.</summary>
    public const string Expected = "a JSON path such as $.choices[0].delta.content (names, [index] and ['quoted name'] steps)";

    /// <exception cref="FormatException">The text is not a path of the supported subset.</exception>
    public static JsonPath Parse(string text)
    {
        var steps = new List<Step>();
        var rest = text.Trim();
        rest = rest.StartsWith("$.", StringComparison.Ordinal) ? rest[2..] : rest == "$" ? "" : rest.StartsWith('$') ? rest[1..] : rest;
        var i = 0;
        while (i < rest.Length)
        {
            if (rest[i] == '.')
            {
                i++;
            }

            if (i < rest.Length && rest[i] == '.' || rest.StartsWith('.'))
            {
                throw new FormatException($"expected {Expected}: recursive descent (..) is not supported");
            }

            if (i < rest.Length && rest[i] == '[')
            {
                var close = rest.IndexOf(']', i);
                if (close < 0)
                {
                    throw new FormatException($"expected {Expected}: '[' without ']'");
                }

                var inside = rest[(i + 1)..close];
                if (inside.Length >= 2 && inside[0] is '\'' or '"' && inside[^1] == inside[0])
                {
                    steps.Add(Step.Name(inside[1..^1]));
                }
                else if (int.TryParse(inside, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
                {
                    steps.Add(Step.Index(index));
                }
                else
                {
                    throw new FormatException($"expected {Expected}: '[{inside}]' is neither an index nor a quoted name");
                }

                i = close + 1;
                continue;
            }

            var end = rest.IndexOfAny(['.', '['], i);
            end = end < 0 ? rest.Length : end;
            var name = rest[i..end];
            if (name.Length == 0 || name.Any(c => char.IsWhiteSpace(c) || c is '*' or '?' or '(' or ')' or '@'))
            {
                throw new FormatException($"expected {Expected}");
            }

            steps.Add(Step.Name(name));
            i = end;
        }

        return steps.Count == 0 ? throw new FormatException($"expected {Expected}: the path names nothing") : new JsonPath(text, [.. steps]);
    }

    /// <summary>
    /// Moves <paramref name="reader"/>, started on a JSON document, to the value the path names; false when
    /// the document has no such value (or is not JSON), with the reader then of no further use.
    /// </summary>
    public bool TryFind(ReadOnlySpan<byte> json, out Utf8JsonReader reader)
    {
        reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read())
            {
                return false;
            }

            foreach (var step in _steps)
            {
                if (!(step.IsIndex ? ToElement(ref reader, step.ArrayIndex) : ToProperty(ref reader, step.Utf8Name)))
                {
                    return false;
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The string at the path (a number or boolean as its JSON text); null when absent or null.</summary>
    public string? FindString(ReadOnlySpan<byte> json)
    {
        if (!TryFind(json, out var reader))
        {
            return null;
        }

        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False => Encoding.UTF8.GetString(reader.ValueSpan),
            _ => null,
        };
    }

    /// <summary>The whole number at the path (also a numeric string); null when absent or not one.</summary>
    public int? FindInt(ReadOnlySpan<byte> json)
    {
        if (!TryFind(json, out var reader))
        {
            return null;
        }

        return reader.TokenType switch
        {
            JsonTokenType.Number when reader.TryGetInt32(out var n) => n,
            JsonTokenType.String when int.TryParse(reader.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
            _ => null,
        };
    }

    private static bool ToProperty(ref Utf8JsonReader reader, byte[] name)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var match = reader.ValueTextEquals(name);
            reader.Read();
            if (match)
            {
                return true;
            }

            reader.Skip();
        }

        return false;
    }

    private static bool ToElement(ref Utf8JsonReader reader, int index)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        for (var i = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; i++)
        {
            if (i == index)
            {
                return true;
            }

            reader.Skip();
        }

        return false;
    }

    private readonly record struct Step(byte[] Utf8Name, int ArrayIndex, bool IsIndex)
    {
        public static Step Name(string name) => new(Encoding.UTF8.GetBytes(name), 0, false);

        public static Step Index(int index) => new([], index, true);
    }
}
