using System.Diagnostics;
using LlmLoad.Simulator.Hosting;
using LlmLoad.Simulator.Serving;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.GenerateContent;

/// <summary>
/// <c>POST /v1beta/models/{model}:generateContent</c> and <c>:streamGenerateContent?alt=sse</c>, the Gemini API
/// (also under <c>/v1</c>, which the JavaScript SDK calls by default; python-genai calls <c>v1beta</c>):
/// checks the key, the method and the body, then hands the request to the server's <see cref="ServingEngine"/>.
/// The route captures the whole last segment (<c>{model}:{method}</c>), split on its last colon.
/// </summary>
internal sealed class GenerateContentEndpoint(ServingEngine engine)
{
    /// <summary>The route parameter holding <c>{model}:{method}</c>.</summary>
    public const string ModelAndMethod = "modelAndMethod";

    private const string StreamMethod = "streamGenerateContent";
    private const string BufferedMethod = "generateContent";

    public async Task HandleAsync(HttpContext context)
    {
        // Arrival is taken first thing: every delay is measured from here, as a client would measure it.
        var arrival = Stopwatch.GetTimestamp();
        var sequence = engine.NextArrival();
        var cancellationToken = context.RequestAborted;
        try
        {
            // In the API's order: who is calling, then what they call, then what they send.
            var methodError = CheckMethod(context.Request, out var model, out var stream);
            var error = CheckKey(context.Request) ?? methodError;
            GenerateContentRequest? request = null;
            if (error is null)
            {
                (request, error) = await GenerateContentRequestParser.ParseAsync(context.Request.Body, model, stream, engine.PrefixCache is not null, cancellationToken);
            }

            if (error is not null)
            {
                await error.WriteAsync(context.Response, cancellationToken);
                return;
            }

            await engine.ServeAsync(context, new GeminiExchange(request!, engine.Options.DefaultMaxTokens), arrival, sequence);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client hung up (or the server is stopping): routine under load, nothing to report.
        }
    }

    /// <summary>
    /// The key travels in <c>x-goog-api-key</c> or the <c>key</c> query parameter. A request without one is
    /// refused as the API refuses it; a wrong one only when the server was given a key to expect.
    /// </summary>
    private GoogleError? CheckKey(HttpRequest request)
    {
        var presented = request.Headers["x-goog-api-key"].ToString() is { Length: > 0 } header ? header : request.Query["key"].ToString();
        if (presented.Length == 0)
        {
            return GoogleError.Unregistered;
        }

        return engine.Options.ApiKey is { } expected && !PresentedKey.Matches(presented, expected) ? GoogleError.InvalidKey : null;
    }

    /// <summary>Splits <c>{model}:{method}</c>; only the two generate methods are served, and a stream only as SSE.</summary>
    private static GoogleError? CheckMethod(HttpRequest request, out string model, out bool stream)
    {
        var segment = request.RouteValues[ModelAndMethod] as string ?? "";
        var colon = segment.LastIndexOf(':');
        model = colon > 0 ? segment[..colon] : segment;
        var method = colon > 0 ? segment[(colon + 1)..] : "";
        stream = method == StreamMethod;
        if (method is not (StreamMethod or BufferedMethod))
        {
            var version = request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            return GoogleError.NotFound($"models/{model} is not found for API version {version}, or is not supported for {(method.Length > 0 ? method : "this method")}. Call ListModels to see the list of available models and their supported methods.");
        }

        return stream && request.Query["alt"] != "sse"
            ? GoogleError.InvalidArgument("The simulator streams only as server-sent events: call streamGenerateContent with ?alt=sse, as the Google Gen AI SDKs do.")
            : null;
    }
}
