using System.Text.Json;
using LlmLoad.Workload;

namespace LlmLoad.Providers.Formats;

/// <summary>Says whether the property name the reader is on holds generated text.</summary>
internal delegate bool TextPropertyFilter(ref Utf8JsonReader reader);

/// <summary>JSON and URL pieces every wire format needs in the same way.</summary>
internal static class WireJson
{
    /// <summary>A reader positioned on the opening brace of <paramref name="json"/>, which must be an object.</summary>
    public static Utf8JsonReader StartObject(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        return reader.Read() && reader.TokenType == JsonTokenType.StartObject
            ? reader
            : throw new JsonException("event data is not a JSON object");
    }

    /// <summary>
    /// Reads the rest of the object the reader is in, appending to the capture's text every string
    /// property that <paramref name="isText"/> accepts (the reader is on the property's name).
    /// </summary>
    public static void AppendTextProperties(ref Utf8JsonReader reader, ResponseCapture capture, TextPropertyFilter isText)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var text = isText(ref reader);
            reader.Read();
            if (text && reader.TokenType == JsonTokenType.String)
            {
                capture.AppendText(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    /// <summary>The API's <paramref name="path"/> under the user's base URL, unless the URL already ends with it.</summary>
    public static Uri Endpoint(Uri baseUrl, string path)
    {
        var text = baseUrl.ToString().TrimEnd('/');
        return text.EndsWith(path, StringComparison.Ordinal) ? new Uri(text) : new Uri(text + path);
    }

    /// <summary>A JSON object body, its fields written by the format; sized for the text of <paramref name="messages"/>.</summary>
    public static byte[] Body(IReadOnlyList<ChatTurn> messages, Action<Utf8JsonWriter> writeFields)
    {
        using var buffer = new MemoryStream(messages.Sum(m => m.Content.Length) + 256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            writeFields(json);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The <c>messages</c> array of role/content objects that chat APIs share (the Responses API calls it <c>input</c>).</summary>
    public static void WriteMessages(Utf8JsonWriter json, IEnumerable<ChatTurn> messages, string property = "messages")
    {
        json.WriteStartArray(property);
        foreach (var message in messages)
        {
            json.WriteStartObject();
            json.WriteString("role", message.Role);
            json.WriteString("content", message.Content);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
