using System.Diagnostics;
using LlmLoad.Simulator.Generation;
using LlmLoad.Simulator.Serving;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.Messages;

/// <summary><c>POST /v1/messages</c>, the Anthropic Messages API: checks and parses the request, then hands it to the server's <see cref="ServingEngine"/>.</summary>
internal sealed class MessagesEndpoint(ServingEngine engine)
{
    private const string RequestIdPrefix = "req_";

    public async Task HandleAsync(HttpContext context)
    {
        // Arrival is taken first thing: every delay is measured from here, as a client would measure it.
        var arrival = Stopwatch.GetTimestamp();
        var sequence = engine.NextArrival();
        var cancellationToken = context.RequestAborted;
        // Every real response carries one, errors included, and the error body repeats it.
        var requestId = ResponseId.New(RequestIdPrefix);
        context.Response.Headers["request-id"] = requestId;
        try
        {
            var (request, error) = RequestHeaders.Check(context.Request, engine.Options.ApiKey) is { } headerError
                ? (null, headerError)
                : await MessagesRequestParser.ParseAsync(context.Request.Body, engine.PrefixCache is not null, cancellationToken);
            if (error is not null)
            {
                await error.WriteAsync(context.Response, requestId, cancellationToken);
                return;
            }

            await engine.ServeAsync(context, new AnthropicExchange(request!, requestId, engine.Options.Time), arrival, sequence);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client hung up (or the server is stopping): routine under load, nothing to report.
        }
    }
}
