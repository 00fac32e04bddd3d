using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.Messages;

/// <summary>
/// An error in Anthropic's envelope <c>{"type":"error","error":{"type","message"},"request_id"}</c>
/// (wire-formats.md §3), which the SDKs map to their exception types by status and <c>error.type</c>.
/// </summary>
internal sealed record AnthropicError(int Status, string Type, string Message)
{
    public static AnthropicError InvalidRequest(string message) => new(StatusCodes.Status400BadRequest, "invalid_request_error", message);

    public static AnthropicError Authentication(string message) => new(StatusCodes.Status401Unauthorized, "authentication_error", message);

    public static AnthropicError RateLimited(string message) => new(StatusCodes.Status429TooManyRequests, "rate_limit_error", message);

    /// <summary>The answers to an overloaded or failing server, by status (docs.claude.com/en/api/errors).</summary>
    public static AnthropicError ForStatus(int status) => status switch
    {
        StatusCodes.Status429TooManyRequests => RateLimited("Too many requests are queued on this server. Please slow down and try again."),
        StatusCodes.Status500InternalServerError => new(status, "api_error", "Internal server error"),
        StatusCodes.Status503ServiceUnavailable => new(status, "overloaded_error", "Overloaded"),
        _ => new(status, "overloaded_error", "Overloaded"),
    };

    public static AnthropicError ContextTooLong(long requested, long capacity)
        => InvalidRequest($"prompt is too long: {requested} tokens > {capacity} maximum");

    public async Task WriteAsync(HttpResponse response, string requestId, CancellationToken cancellationToken)
    {
        response.StatusCode = Status;
        response.ContentType = "application/json";
        // Relaxed escaping keeps quotes and '+' in messages readable, as the real API writes them.
        await using var json = new Utf8JsonWriter(response.BodyWriter, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("type", "error");
        json.WriteStartObject("error");
        json.WriteString("type", Type);
        json.WriteString("message", Message);
        json.WriteEndObject();
        json.WriteString("request_id", requestId);
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
        await response.BodyWriter.FlushAsync(cancellationToken);
    }
}
