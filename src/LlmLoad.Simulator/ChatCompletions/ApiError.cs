using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.ChatCompletions;

/// <summary>
/// An error in OpenAI's envelope <c>{"error":{"message","type","param","code"}}</c>, which SDKs parse
/// to pick their exception type and message.
/// </summary>
internal sealed record ApiError(int Status, string Message, string? Param, string? Code, string Type = "invalid_request_error")
{
    /// <summary>What the API answers when a request would exceed a rate limit (wire-formats.md §2).</summary>
    public static ApiError RateLimited(string message, string limitType) => new(StatusCodes.Status429TooManyRequests, message, null, "rate_limit_exceeded", limitType);

    /// <summary>The answers to an overloaded or failing server, by status, in the real API's words.</summary>
    public static ApiError ForStatus(int status) => status switch
    {
        StatusCodes.Status429TooManyRequests => RateLimited("Too many requests are queued on this server. Please slow down and try again.", "requests"),
        StatusCodes.Status500InternalServerError => new(status, "The server had an error while processing your request. Sorry about that!", null, null, "server_error"),
        _ => new(status, "The server is overloaded or not ready yet.", null, "server_is_overloaded", "service_unavailable_error"),
    };

    /// <summary>A prompt plus requested output that cannot fit the server's KV cache, as vLLM and OpenAI refuse it.</summary>
    public static ApiError ContextTooLong(long requested, long capacity)
        => BadRequest($"This model's maximum context length is {capacity} tokens. However, you requested {requested} tokens. Please reduce the length of the messages or completion.", "messages", "context_length_exceeded");

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
        json.WriteString("type", Type);
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
