using System.Diagnostics;
using LlmLoad.Simulator.ChatCompletions;
using LlmLoad.Simulator.Serving;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.Embeddings;

/// <summary><c>POST /v1/embeddings</c>, OpenAI's embeddings API: checks and parses the request, then hands it to the server's <see cref="ServingEngine"/>.</summary>
internal sealed class EmbeddingsEndpoint(ServingEngine engine)
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
                : await EmbeddingsRequestParser.ParseAsync(context.Request.Body, cancellationToken);
            if (error is not null)
            {
                await error.WriteAsync(context.Response, cancellationToken);
                return;
            }

            await engine.ServeAsync(context, new EmbeddingsExchange(request!, engine.Options.Seed), arrival, sequence);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client hung up (or the server is stopping): routine under load, nothing to report.
        }
    }
}
