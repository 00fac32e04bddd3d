using System.Diagnostics;
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
            var (request, error) = OpenAiKeyCheck.Check(context.Request, engine.Options.ApiKey) is { } keyError
                ? (null, keyError)
                : await ChatRequestParser.ParseAsync(context.Request.Body, engine.PrefixCache is not null, cancellationToken);
            if (error is not null)
            {
                await error.WriteAsync(context.Response, cancellationToken);
                return;
            }

            await engine.ServeAsync(context, new OpenAiExchange(request!, engine.Options.DefaultMaxTokens, engine.Options.Reasoning), arrival, sequence);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client hung up (or the server is stopping): routine under load, nothing to report.
        }
    }
}
