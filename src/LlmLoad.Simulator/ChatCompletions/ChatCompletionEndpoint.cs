using System.Diagnostics;
using LlmLoad.Simulator.Hosting;
using LlmLoad.Simulator.Serving;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.ChatCompletions;

/// <summary><c>POST /v1/chat/completions</c>: checks and parses the request, then hands it to the server's <see cref="ServingEngine"/>.</summary>
internal sealed class ChatCompletionEndpoint(ServingEngine engine)
{
    public async Task HandleAsync(HttpContext context)
    {
        // Arrival is taken first thing: every delay is measured from here, as a client would measure it.
        var arrival = Stopwatch.GetTimestamp();
        var sequence = engine.NextArrival();
        var cancellationToken = context.RequestAborted;
        try
        {
            var (request, error) = CheckKey(context.Request) is { } keyError
                ? (null, keyError)
                : await ChatRequestParser.ParseAsync(context.Request.Body, engine.PrefixCache is not null, cancellationToken);
            if (error is not null)
            {
                await error.WriteAsync(context.Response, cancellationToken);
                return;
            }

            await engine.ServeAsync(context, new OpenAiExchange(request!, engine.Options.DefaultMaxTokens), arrival, sequence);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client hung up (or the server is stopping): routine under load, nothing to report.
        }
    }

    /// <summary>The real API's two 401s, with its wording; only when the server was given a key to expect.</summary>
    private ApiError? CheckKey(HttpRequest request)
    {
        if (engine.Options.ApiKey is not { } expected)
        {
            return null;
        }

        var presented = PresentedKey.Of(request);
        if (presented is null)
        {
            return ApiError.Unauthorized("You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", null);
        }

        return PresentedKey.Matches(presented, expected)
            ? null
            : ApiError.Unauthorized($"Incorrect API key provided: {PresentedKey.Masked(presented)}.", "invalid_api_key");
    }
}
