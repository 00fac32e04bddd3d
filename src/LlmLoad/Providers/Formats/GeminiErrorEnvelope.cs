using System.Text.Json;

namespace LlmLoad.Providers.Formats;

/// <summary>
/// Google's error envelope, <c>{"error":{"code":429,"message":"…","status":"RESOURCE_EXHAUSTED","details":[…]}}</c>
/// (sometimes wrapped in a one-element array, as the python-genai SDK allows for). Its <c>status</c> is the
/// google.rpc code name, which says more than the HTTP status: a 503 <c>UNAVAILABLE</c> is Gemini's
/// "the model is overloaded", whatever words the message uses.
/// </summary>
/// <param name="RetryDelaySeconds">
/// The <c>retryDelay</c> of a <c>google.rpc.RetryInfo</c> in <c>details</c>: Gemini says how long to wait on a 429
/// there, not in a <c>retry-after</c> header.
/// </param>
internal readonly record struct GeminiErrorEnvelope(string? Status, string? Message, double? RetryDelaySeconds = null)
{
    private const string RetryInfoType = "type.googleapis.com/google.rpc.RetryInfo";

    private const int MaxMessageLength = 300;

    /// <summary>Reads the envelope of <paramref name="body"/>; both fields are null when it is not Google's (an HTML page from a proxy).</summary>
    public static GeminiErrorEnvelope Read(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read())
            {
                return default;
            }

            if (reader.TokenType == JsonTokenType.StartArray && !reader.Read())
            {
                return default;
            }

            return reader.TokenType == JsonTokenType.StartObject ? ReadObject(ref reader) : default;
        }
        catch (JsonException)
        {
            return default;
        }
    }

    /// <summary>
    /// The error class: by <c>status</c> when Google named one (RESOURCE_EXHAUSTED is rate_limited, UNAVAILABLE
    /// overloaded, INTERNAL, UNKNOWN, DATA_LOSS and DEADLINE_EXCEEDED server_error, the request's own faults
    /// client_error), else by the HTTP status as for any API.
    /// </summary>
    public static ErrorClass Classify(int status, ReadOnlySpan<byte> body) => Read(body).Status switch
    {
        "RESOURCE_EXHAUSTED" => ErrorClass.RateLimited,
        "UNAVAILABLE" => ErrorClass.Overloaded,
        "INTERNAL" or "UNKNOWN" or "DATA_LOSS" or "DEADLINE_EXCEEDED" => ErrorClass.ServerError,
        "INVALID_ARGUMENT" or "FAILED_PRECONDITION" or "OUT_OF_RANGE" or "UNAUTHENTICATED" or "PERMISSION_DENIED" or "NOT_FOUND" => ErrorClass.ClientError,
        _ => HttpErrorClassifier.Classify(status, body),
    };

    /// <summary><c>STATUS: message</c>, so the code name Google's docs index their errors by is in the record; else the body's start.</summary>
    public static string MessageOf(ReadOnlySpan<byte> body)
    {
        var envelope = Read(body);
        if (envelope.Message is null)
        {
            return HttpErrorClassifier.Message(body);
        }

        var text = envelope.Status is { Length: > 0 } status ? status + ": " + envelope.Message : envelope.Message;
        return text.Length <= MaxMessageLength ? text : text[..MaxMessageLength];
    }

    private static GeminiErrorEnvelope ReadObject(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isError = reader.ValueTextEquals("error"u8);
            reader.Read();
            if (isError && reader.TokenType == JsonTokenType.StartObject)
            {
                return ReadError(ref reader);
            }

            reader.Skip();
        }

        return default;
    }

    private static GeminiErrorEnvelope ReadError(ref Utf8JsonReader reader)
    {
        string? status = null, message = null;
        double? retryDelay = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isStatus = reader.ValueTextEquals("status"u8);
            var isMessage = reader.ValueTextEquals("message"u8);
            var isDetails = reader.ValueTextEquals("details"u8);
            reader.Read();
            if (isDetails && reader.TokenType == JsonTokenType.StartArray)
            {
                retryDelay = ReadRetryDelay(ref reader);
            }
            else if ((isStatus || isMessage) && reader.TokenType == JsonTokenType.String)
            {
                if (isStatus)
                {
                    status = reader.GetString();
                }
                else
                {
                    message = reader.GetString();
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return new GeminiErrorEnvelope(status, message, retryDelay);
    }

    /// <summary>Reads the <c>details</c> array, the reader on its start, to its end; the RetryInfo's delay or null.</summary>
    private static double? ReadRetryDelay(ref Utf8JsonReader reader)
    {
        double? delay = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            // "@type" usually comes first, but JSON does not promise it: both are read, then matched.
            string? type = null, value = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isType = reader.ValueTextEquals("@type"u8);
                var isDelay = reader.ValueTextEquals("retryDelay"u8);
                reader.Read();
                if ((isType || isDelay) && reader.TokenType == JsonTokenType.String)
                {
                    if (isType)
                    {
                        type = reader.GetString();
                    }
                    else
                    {
                        value = reader.GetString();
                    }
                }
                else
                {
                    reader.Skip();
                }
            }

            if (type == RetryInfoType && DurationSeconds(value) is { } seconds)
            {
                delay = seconds;
            }
        }

        return delay;
    }

    /// <summary>A google.protobuf.Duration in JSON: decimal seconds with an <c>s</c> suffix ("12s", "18.912345s").</summary>
    private static double? DurationSeconds(string? value)
        => value is { Length: > 1 } && value[^1] == 's'
           && double.TryParse(value.AsSpan(0, value.Length - 1), System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : null;
}
