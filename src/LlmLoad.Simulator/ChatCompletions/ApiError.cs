using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.ChatCompletions;

/// <summary>
/// An error in OpenAI's envelope <c>{"error":{"message","type","param","code"}}</c>, which SDKs parse
/// to pick their exception type and message.
/// </summary>
internal sealed record ApiError(int Status, string Message, string? Param, string? Code)
{
    public static ApiError BadRequest(string message, string? param = null, string? code = null)
        => new(StatusCodes.Status400BadRequest, message, param, code);

    /// <summary>OpenAI's 401: no key (code null) or a wrong one (<c>invalid_api_key</c>).</summary>
    public static ApiError Unauthorized(string message, string? code) => new(StatusCodes.Status401Unauthorized, message, null, code);

    public static ApiError InvalidUrl(HttpRequest request)
        => new(StatusCodes.Status404NotFound, $"Invalid URL ({request.Method} {request.Path})", null, null);

    public async Task WriteAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        response.StatusCode = Status;
        response.ContentType = "application/json";
        // Relaxed escaping writes the quotes in messages such as "Invalid 'max_tokens'" as the real API does.
        await using var json = new Utf8JsonWriter(response.BodyWriter, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteStartObject("error");
        json.WriteString("message", Message);
        json.WriteString("type", "invalid_request_error");
        WriteNullableString(json, "param", Param);
        WriteNullableString(json, "code", Code);
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
        await response.BodyWriter.FlushAsync(cancellationToken);
    }

    private static void WriteNullableString(Utf8JsonWriter json, string name, string? value)
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
