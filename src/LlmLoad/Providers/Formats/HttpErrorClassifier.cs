using System.Text;
using System.Text.Json;

namespace LlmLoad.Providers.Formats;

/// <summary>Maps a non-success HTTP answer to an error class and a short message from its error envelope.</summary>
internal static class HttpErrorClassifier
{
    private const int MaxMessageLength = 300;

    public static ErrorClass Classify(int status, ReadOnlySpan<byte> body) => status switch
    {
        429 => ErrorClass.RateLimited,
        529 => ErrorClass.Overloaded,
        // A 503 is an overload only when the body says so (OpenAI "server_is_overloaded",
        // Anthropic "overloaded_error", TGI "overloaded"); otherwise it is a plain server error.
        503 when ContainsIgnoreCase(body, "overload"u8) => ErrorClass.Overloaded,
        >= 500 => ErrorClass.ServerError,
        _ => ErrorClass.ClientError,
    };

    /// <summary>
    /// The <c>error.message</c> of an OpenAI or Anthropic envelope (<c>{"error":{"message":…}}</c>,
    /// <c>{"type":"error","error":{"message":…}}</c>), a TGI <c>{"error":"…"}</c>, else the body's start.
    /// </summary>
    public static string Message(ReadOnlySpan<byte> body)
        => ReadError(body, "message"u8, plainErrorIsField: true, out var message)
            ? Truncate(message ?? "")
            : Truncate(Encoding.UTF8.GetString(body[..Math.Min(body.Length, MaxMessageLength)]).Trim());

    /// <summary>The <c>error.code</c> of an envelope when it is a string (Azure's <c>content_filter</c>, OpenAI's <c>rate_limit_exceeded</c>), else null.</summary>
    public static string? Code(ReadOnlySpan<byte> body)
        => ReadError(body, "code"u8, plainErrorIsField: false, out var code) ? code : null;

    /// <summary>
    /// Finds the body's <c>error</c>: true when it is an object (its string <paramref name="field"/> as the
    /// value, null when it has none) or a string (the value when <paramref name="plainErrorIsField"/>);
    /// false when the body has no error.
    /// </summary>
    private static bool ReadError(ReadOnlySpan<byte> body, ReadOnlySpan<byte> field, bool plainErrorIsField, out string? value)
    {
        value = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isError = reader.ValueTextEquals("error"u8);
                    reader.Read();
                    if (isError && reader.TokenType == JsonTokenType.String)
                    {
                        value = plainErrorIsField ? reader.GetString() : null;
                        return true;
                    }

                    if (isError && reader.TokenType == JsonTokenType.StartObject)
                    {
                        value = FindString(ref reader, field);
                        return true;
                    }

                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (an HTML error page from a proxy, say): the caller falls back to the raw text.
        }

        return false;
    }

    private static string? FindString(ref Utf8JsonReader reader, ReadOnlySpan<byte> field)
    {
        string? found = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isField = reader.ValueTextEquals(field);
            reader.Read();
            if (isField && reader.TokenType == JsonTokenType.String)
            {
                found = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        return found;
    }

    private static string Truncate(string text) => text.Length <= MaxMessageLength ? text : text[..MaxMessageLength];

    private static bool ContainsIgnoreCase(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> lowerNeedle)
    {
        for (var i = 0; i + lowerNeedle.Length <= haystack.Length; i++)
        {
            var match = true;
            for (var j = 0; j < lowerNeedle.Length && match; j++)
            {
                match = (byte)(haystack[i + j] | 0x20) == lowerNeedle[j];
            }

            if (match)
            {
                return true;
            }
        }

        return false;
    }
}
