using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.AzureOpenAi;

/// <summary>
/// An error in the envelope Azure's own front end answers with, <c>{"error":{"code","message"}}</c>: no
/// <c>type</c> or <c>param</c>, and a <c>code</c> that is often the status as a string. Errors from the
/// model behind it (a context too long) keep OpenAI's envelope, as Azure passes them through.
/// </summary>
internal sealed record AzureError(int Status, string Code, string Message)
{
    /// <summary>A deployments URL without <c>api-version</c>: Azure finds no route and answers 404 (MicrosoftDocs/azure-docs#114602).</summary>
    public static AzureError ResourceNotFound { get; } = new(StatusCodes.Status404NotFound, "404", "Resource not found");

    public static AzureError ApiVersionNotSupported { get; } = new(StatusCodes.Status400BadRequest, "BadRequest", "API version not supported");

    public static AzureError MissingKey { get; } = new(
        StatusCodes.Status401Unauthorized, "401", "Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.");

    public static AzureError InvalidKey { get; } = new(
        StatusCodes.Status401Unauthorized,
        "401",
        "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.");

    /// <summary>A bearer token that is not the expected one: Azure's words for a bad Entra ID token.</summary>
    public static AzureError InvalidToken { get; } = new(
        StatusCodes.Status401Unauthorized, "401", "Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired.");

    /// <summary>Azure's 429: the code is the string "429" (wire-formats.md §4).</summary>
    public static AzureError RateLimited(string message) => new(StatusCodes.Status429TooManyRequests, "429", message);

    public async Task WriteAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        response.StatusCode = Status;
        response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(response.BodyWriter, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteStartObject("error");
        json.WriteString("code", Code);
        json.WriteString("message", Message);
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
        await response.BodyWriter.FlushAsync(cancellationToken);
    }
}
