using System.Diagnostics;
using LlmLoad.Simulator.Generation;
using LlmLoad.Simulator.Truth;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.Messages;

/// <summary><c>POST /v1/messages</c>, the Anthropic Messages API: one instance per server.</summary>
internal sealed class MessagesEndpoint(SimulatorOptions options, ArrivalCounter arrivals, TruthLog? truthLog)
{
    private const string IdPrefix = "msg_";
    private const string RequestIdPrefix = "req_";

    public async Task HandleAsync(HttpContext context)
    {
        // Arrival is taken first thing: every delay is measured from here, as a client would measure it.
        var arrival = Stopwatch.GetTimestamp();
        var sequence = arrivals.Next();
        var cancellationToken = context.RequestAborted;
        // Every real response carries one, errors included, and the error body repeats it.
        var requestId = ResponseId.New(RequestIdPrefix);
        context.Response.Headers["request-id"] = requestId;
        try
        {
            var (request, error) = RequestHeaders.Check(context.Request, options.ApiKey) is { } headerError
                ? (null, headerError)
                : await MessagesRequestParser.ParseAsync(context.Request.Body, cancellationToken);
            if (error is not null)
            {
                await error.WriteAsync(context.Response, requestId, cancellationToken);
                return;
            }

            var plan = CompletionPlan.Create(ResponseId.New(IdPrefix), request!.Model, request.PromptTokens, request.MaxTokens, options, arrival, sequence);
            var timeline = request.Stream
                ? await MessagesStreamingResponder.SendAsync(context, plan, cancellationToken)
                : await MessagesBufferedResponder.SendAsync(context, plan, cancellationToken);
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
