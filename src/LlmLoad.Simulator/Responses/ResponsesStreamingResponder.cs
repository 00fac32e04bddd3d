using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using LlmLoad.Simulator.Faults;
using LlmLoad.Simulator.Generation;
using LlmLoad.Simulator.Serving;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.Responses;

/// <summary>
/// Sends a response as the Responses API's typed SSE stream: <c>response.created</c> and <c>.in_progress</c> at
/// once, the reasoning item (and its summary, when asked for) with the first reasoning token, the message item and its text part with the first answer token, one <c>response.output_text.delta</c> per
/// token on schedule, then the done events and the terminal one. It walks the generator itself rather than
/// through <see cref="TokenEventStream.SendTokensAsync"/>: every event here carries its own
/// <c>sequence_number</c>, so no two deltas share their bytes around the word. Faults are injected as for
/// every API, except that a server error ends the stream with a <c>response.failed</c> numbered in sequence.
/// </summary>
internal static class ResponsesStreamingResponder
{
    /// <returns>The send times, or null when the stream did not complete (client left, or a fault ended it).</returns>
    public static async Task<ResponseTimeline?> SendAsync(
        HttpContext context, ResponsesRequest request, ResponseItemIds ids, IApiExchange exchange, ResponseGenerator generator, CancellationToken cancellationToken)
    {
        var plan = generator.Plan;
        var events = new ResponsesEvents(request, plan, ids);
        var writer = TokenEventStream.Start(context);

        // The opening events carry no text, so they must not count as the first token.
        if (!await TokenEventStream.SendAsync(writer, events.Opening(), cancellationToken) || !await generator.WaitForBatchAsync(cancellationToken))
        {
            return null;
        }

        var reasoning = new ArrayBufferWriter<byte>(Math.Max(1, plan.ReasoningTokens * 8));
        var text = new ArrayBufferWriter<byte>(plan.AnswerTokens * 8);
        long firstContentSent = 0;
        for (var i = 0; i < plan.CompletionTokens; i++)
        {
            if (generator.FaultBefore(i) is { } fault)
            {
                if (fault.Kind == FaultKind.ErrorEvent)
                {
                    await TokenEventStream.SendAsync(writer, events.Failed(), cancellationToken);
                    return null;
                }

                if (!await TokenEventStream.InjectAsync(context, exchange, generator, fault, cancellationToken))
                {
                    return null;
                }
            }

            var token = generator.NextToken();
            if (!await generator.WaitForAsync(token))
            {
                return null;
            }

            var word = WordBytes.Get(token.WordIndex);
            var isReasoning = plan.IsReasoning(i);
            if (i == 0 && isReasoning)
            {
                writer.Write(events.ReasoningOpening());
            }

            if (i == plan.ReasoningTokens)
            {
                if (i > 0)
                {
                    writer.Write(events.ReasoningClosing(reasoning.WrittenSpan));
                }

                writer.Write(events.ItemOpening());
            }

            // Reasoning without a summary is waited for and counted, but only its item's boundaries are sent.
            var visible = !isReasoning || events.ShowsReasoning;
            if (isReasoning)
            {
                reasoning.Write(word);
                if (visible)
                {
                    events.WriteReasoningDelta(writer, word);
                }
            }
            else
            {
                events.WriteDelta(writer, word);
                text.Write(word);
            }

            if (!Delivered(await writer.FlushAsync(cancellationToken)))
            {
                return null;
            }

            generator.TokenDone(token);
            if (visible && firstContentSent == 0)
            {
                firstContentSent = Stopwatch.GetTimestamp();
            }
        }

        if (!await TokenEventStream.SendAsync(writer, events.Closing(reasoning.WrittenSpan, text.WrittenSpan), cancellationToken))
        {
            return null;
        }

        return new ResponseTimeline(firstContentSent, Stopwatch.GetTimestamp());
    }

    /// <summary>A completed pipe means the connection is gone; nothing more can reach the client.</summary>
    private static bool Delivered(FlushResult result) => !result.IsCompleted && !result.IsCanceled;
}
