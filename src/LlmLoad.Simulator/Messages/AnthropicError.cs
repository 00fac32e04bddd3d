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
