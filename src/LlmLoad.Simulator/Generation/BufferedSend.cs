using System.Buffers;
using System.Diagnostics;
using LlmLoad.Simulator.Faults;
using LlmLoad.Simulator.Serving;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.Generation;

/// <summary>
/// Sends a non-streamed response at the moment the last token is generated (queue wait + time to first
/// token + the gaps between tokens, each set by the batch size at the time), as a real server does.
/// Mid-stream faults apply too: a cut drops the connection, a stall delays the body, a malformed
/// chunk truncates it, an error event turns it into the API's error envelope with status 200.
/// </summary>
internal static class BufferedSend
{
    /// <returns>The send time (first content and last byte coincide), or null when the response did not complete.</returns>
    public static async Task<ResponseTimeline?> SendAsync(HttpContext context, IApiExchange exchange, ResponseGenerator generator, CancellationToken cancellationToken)
    {
        if (!await generator.WaitForBatchAsync(cancellationToken))
        {
            return null;
        }

        var plan = generator.Plan;
        var reasoning = new ArrayBufferWriter<byte>(Math.Max(1, plan.ReasoningTokens * 8));
        var answer = new ArrayBufferWriter<byte>(plan.AnswerTokens * 8);
        for (var i = 0; i < plan.CompletionTokens; i++)
        {
            if (generator.FaultBefore(i) is { } due)
            {
                if (due.Kind == FaultKind.CutStream)
                {
                    context.Abort();
                    return null;
                }

                if (due.Kind == FaultKind.Stall)
                {
                    generator.Stall(due.Duration ?? TimeSpan.Zero);
                }
            }

            var token = generator.NextToken();
            if (!await generator.WaitForAsync(token))
            {
                return null;
            }

            (plan.IsReasoning(i) ? reasoning : answer).Write(WordBytes.Get(token.WordIndex));
            generator.TokenDone(token);
        }

        var body = (plan.ReasoningTokens > 0 ? exchange.BufferedBody(plan, reasoning.WrittenSpan, answer.WrittenSpan) : exchange.BufferedBody(plan, answer.WrittenSpan)).WrittenMemory;
        var fault = generator.MidStreamFault;
        var faulted = generator.FaultFires && fault!.Kind is FaultKind.MalformedChunk or FaultKind.ErrorEvent;
        if (faulted)
        {
            body = fault!.Kind == FaultKind.MalformedChunk ? body[..(body.Length / 2)] : ErrorBody(exchange);
        }

        var response = context.Response;
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        var result = await response.BodyWriter.WriteAsync(body, cancellationToken);
        var sent = Stopwatch.GetTimestamp();
        return result.IsCompleted || result.IsCanceled || faulted ? null : new ResponseTimeline(sent, sent);
    }

    /// <summary>The JSON of the stream's error event, without its SSE framing.</summary>
    private static ReadOnlyMemory<byte> ErrorBody(IApiExchange exchange)
    {
        var sse = exchange.ErrorEvent.Span;
        var start = sse.IndexOf("data: "u8) + "data: ".Length;
        return exchange.ErrorEvent[start..].TrimEnd("\n"u8);
    }
}
