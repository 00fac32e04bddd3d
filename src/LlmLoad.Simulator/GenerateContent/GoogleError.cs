using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.GenerateContent;

/// <summary>
/// An error in Google's envelope <c>{"error":{"code","message","status","details"}}</c>, pretty-printed as
/// Google's front end writes it. <c>status</c> is the google.rpc code name, which the Gen AI SDKs report and
/// llmload classifies by; <c>details</c> carry typed extras such as <c>google.rpc.RetryInfo</c>.
/// </summary>
/// <param name="Details">Writes the <c>details</c> array's elements; null for an error without details.</param>
internal sealed record GoogleError(int Code, string Status, string Message, Action<Utf8JsonWriter>? Details = null)
{
    private static readonly JsonWriterOptions Pretty = new() { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static GoogleError InvalidArgument(string message, Action<Utf8JsonWriter>? details = null)
        => new(StatusCodes.Status400BadRequest, "INVALID_ARGUMENT", message, details);

    /// <summary>What the API answers a request that carries no key at all.</summary>
    public static GoogleError Unregistered { get; } = new(
        StatusCodes.Status403Forbidden,
        "PERMISSION_DENIED",
        "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.");

    /// <summary>What the API answers a key it does not know, with the <c>ErrorInfo</c> the SDKs look for.</summary>
    public static GoogleError InvalidKey { get; } = InvalidArgument("API key not valid. Please pass a valid API key.", json =>
    {
        json.WriteStartObject();
        json.WriteString("@type", "type.googleapis.com/google.rpc.ErrorInfo");
        json.WriteString("reason", "API_KEY_INVALID");
        json.WriteString("domain", "googleapis.com");
        json.WriteStartObject("metadata");
        json.WriteString("service", "generativelanguage.googleapis.com");
        json.WriteEndObject();
        json.WriteEndObject();
    });

    public static GoogleError NotFound(string message) => new(StatusCodes.Status404NotFound, "NOT_FOUND", message);

    /// <summary>The answers to an overloaded or failing server, by status, in the live API's words.</summary>
    public static GoogleError ForStatus(int status) => status switch
    {
        StatusCodes.Status429TooManyRequests => new(status, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota)."),
        StatusCodes.Status500InternalServerError => new(status, "INTERNAL", "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting"),
        _ => new(status, "UNAVAILABLE", "The model is overloaded. Please try again later."),
    };

    /// <summary>A prompt plus requested output that cannot fit the server's KV cache.</summary>
    public static GoogleError ContextTooLong(long requested, long capacity)
        => InvalidArgument($"The input token count plus maxOutputTokens ({requested}) exceeds the maximum number of tokens allowed ({capacity}).");

    public async Task WriteAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        response.StatusCode = Code;
        response.ContentType = "application/json; charset=UTF-8";
        await using var json = new Utf8JsonWriter(response.BodyWriter, Pretty);
        json.WriteStartObject();
        json.WriteStartObject("error");
        json.WriteNumber("code", Code);
        json.WriteString("message", Message);
        json.WriteString("status", Status);
        if (Details is not null)
        {
            json.WriteStartArray("details");
            Details(json);
            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
        await response.BodyWriter.FlushAsync(cancellationToken);
    }
}
