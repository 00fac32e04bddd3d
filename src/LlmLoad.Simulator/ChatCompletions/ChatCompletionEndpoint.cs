using System.Diagnostics;
using LlmLoad.Simulator.Truth;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.ChatCompletions;

/// <summary><c>POST /v1/chat/completions</c>: one instance per server, so each server numbers its own requests.</summary>
internal sealed class ChatCompletionEndpoint(SimulatorOptions options, TruthLog? truthLog)
{
    private long _arrivals;

    public async Task HandleAsync(HttpContext context)
    {
        // Arrival is taken first thing: every delay is measured from here, as a client would measure it.
        var arrival = Stopwatch.GetTimestamp();
        var sequence = Interlocked.Increment(ref _arrivals) - 1;
        var cancellationToken = context.RequestAborted;
        try
        {
            var (request, error) = await ChatRequestParser.ParseAsync(context.Request.Body, cancellationToken);
            if (error is not null)
            {
                await error.WriteAsync(context.Response, cancellationToken);
                return;
            }

            var plan = CompletionPlan.Create(request!, options, arrival, sequence);
            var timeline = request!.Stream
                ? await StreamingResponder.SendAsync(context, plan, cancellationToken)
                : await BufferedResponder.SendAsync(context, plan, cancellationToken);
            if (timeline is { } sent)
            {
                truthLog?.Add(new TruthRecord(plan.Id, arrival, sent.FirstContentSent, sent.LastByteSent, plan.CompletionTokens));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client hung up (or the server is stopping): routine under load, nothing to report.
        }
    }
}
