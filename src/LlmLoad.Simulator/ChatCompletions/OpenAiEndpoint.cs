using System.Diagnostics;
using LlmLoad.Simulator.Serving;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.ChatCompletions;

/// <summary>
/// One route of an OpenAI API (chat completions, Responses, legacy completions, embeddings): the arrival
/// stamp, OpenAI's key check, the API's own parse and the hand-over to the server's <see cref="ServingEngine"/>.
/// The APIs differ only in how a body becomes an exchange, which <paramref name="admit"/> says.
/// </summary>
/// <param name="admit">Parses the body into the API's exchange, or the error OpenAI would answer.</param>
internal sealed class OpenAiEndpoint(ServingEngine engine, Func<Stream, CancellationToken, Task<(IApiExchange? Exchange, ApiError? Error)>> admit)
{
    public async Task HandleAsync(HttpContext context)
    {
        // Arrival is taken first thing: every delay is measured from here, as a client would measure it.
        var arrival = Stopwatch.GetTimestamp();
        var sequence = engine.NextArrival();
        var cancellationToken = context.RequestAborted;
        try
        {
            var (exchange, error) = OpenAiKeyCheck.Check(context.Request, engine.Options.ApiKey) is { } keyError
                ? (null, keyError)
                : await admit(context.Request.Body, cancellationToken);
            if (error is not null)
            {
                await error.WriteAsync(context.Response, cancellationToken);
                return;
            }

            await engine.ServeAsync(context, exchange!, arrival, sequence);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client hung up (or the server is stopping): routine under load, nothing to report.
        }
    }
}
