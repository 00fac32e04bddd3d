using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using LlmLoad.Simulator.Faults;
using LlmLoad.Simulator.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace LlmLoad.Simulator.Generation;

/// <summary>
/// The SSE mechanics every streaming API shares: headers, one flushed event per token at the moment the
/// schedule says (a client's timings are checked against exactly that), injected mid-stream faults, and
/// detecting a client that left. The APIs differ only in the bytes around each word, which they precompute per request.
/// </summary>
internal static class TokenEventStream
{
    private static readonly TimeSpan CutGrace = TimeSpan.FromMilliseconds(20);

    public static PipeWriter Start(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        // Kestrel does not buffer, but a middleware added later (compression) could: each event must leave now.
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        return response.BodyWriter;
    }

    /// <summary>
    /// Waits for a batch slot, then sends <paramref name="prefix"/> + word + <paramref name="suffix"/> for each
    /// token, each on its due time.
    /// </summary>
    /// <returns>When the first token's event was flushed, or null when the stream did not complete (client left, or a fault ended it).</returns>
    public static Task<long?> SendTokensAsync(
        HttpContext context, IApiExchange exchange, ResponseGenerator generator, ReadOnlyMemory<byte> prefix, ReadOnlyMemory<byte> suffix, CancellationToken cancellationToken)
        => SendTokensAsync(context, exchange, generator, TokenFrames.Hidden, new TokenFrames(prefix, suffix), cancellationToken);

    /// <summary>
    /// As the other overload, with the plan's reasoning tokens first, each framed by <paramref name="reasoning"/>, then the
    /// answer's, framed by <paramref name="answer"/> (its opening right before its first token). Hidden tokens are still
    /// waited for, so what follows them starts when a real model's would.
    /// </summary>
    /// <param name="answerText">When given, receives the answer's words (for an API that sends the answer whole at the end).</param>
    /// <returns>When the first token event was flushed (0 when every token was hidden), or null when the stream did not complete.</returns>
    public static async Task<long?> SendTokensAsync(
        HttpContext context, IApiExchange exchange, ResponseGenerator generator, TokenFrames reasoning, TokenFrames answer,
        CancellationToken cancellationToken, ArrayBufferWriter<byte>? answerText = null)
    {
        var writer = context.Response.BodyWriter;
        if (!await generator.WaitForBatchAsync(cancellationToken))
        {
            return null;
        }

        var plan = generator.Plan;
        long firstContentSent = 0;
        for (var i = 0; i < plan.CompletionTokens; i++)
        {
            if (generator.FaultBefore(i) is { } fault && !await InjectAsync(context, exchange, generator, fault, cancellationToken))
            {
                return null;
            }

            var token = generator.NextToken();
            if (!await generator.WaitForAsync(token))
            {
                return null;
            }

            var isReasoning = plan.IsReasoning(i);
            var frames = isReasoning ? reasoning : answer;
            if (!isReasoning)
            {
                answerText?.Write(WordBytes.Get(token.WordIndex));
            }

            if (!frames.Visible)
            {
                generator.TokenDone(token);
                continue;
            }

            if (i == plan.ReasoningTokens)
            {
                writer.Write(answer.Opening.Span);
            }

            WriteTokenEvent(writer, frames.Prefix.Span, WordBytes.Get(token.WordIndex), frames.Suffix.Span);
            if (!Delivered(await writer.FlushAsync(cancellationToken)))
            {
                return null;
            }

            generator.TokenDone(token);
            if (firstContentSent == 0)
            {
                firstContentSent = Stopwatch.GetTimestamp();
            }
        }

        return firstContentSent;
    }

    /// <returns>False when the fault ends the stream (or the client left meanwhile).</returns>
    public static async Task<bool> InjectAsync(HttpContext context, IApiExchange exchange, ResponseGenerator generator, FaultRule fault, CancellationToken cancellationToken)
    {
        switch (fault.Kind)
        {
            case FaultKind.CutStream:
                // A reset with no terminating chunk: what a crashed server or a dropped connection looks like.
                // A flush only hands the events to Kestrel's output pipe; aborting at once would drop the
                // tokens already "sent" with it, so give the transport a moment to put them on the wire.
                await Task.Delay(CutGrace, CancellationToken.None);
                context.Abort();
                return false;
            case FaultKind.Stall:
                generator.Stall(fault.Duration ?? TimeSpan.Zero);
                return true;
            case FaultKind.MalformedChunk:
                return await SendAsync(context.Response.BodyWriter, exchange.MalformedEvent, cancellationToken);
            default:
                // An error event: the server gives up inside a 200 response and ends the stream.
                await SendAsync(context.Response.BodyWriter, exchange.ErrorEvent, cancellationToken);
                return false;
        }
    }

    /// <returns>False when the client went away.</returns>
    public static async ValueTask<bool> SendAsync(PipeWriter writer, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
        => Delivered(await writer.WriteAsync(bytes, cancellationToken));

    /// <summary>One copy into the pipe, so the whole event is a single HTTP chunk.</summary>
    private static void WriteTokenEvent(PipeWriter writer, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> word, ReadOnlySpan<byte> suffix)
    {
        var length = prefix.Length + word.Length + suffix.Length;
        var span = writer.GetSpan(length);
        prefix.CopyTo(span);
        word.CopyTo(span[prefix.Length..]);
        suffix.CopyTo(span[(prefix.Length + word.Length)..]);
        writer.Advance(length);
    }

    /// <summary>A completed pipe means the connection is gone; nothing more can reach the client.</summary>
    private static bool Delivered(FlushResult result) => !result.IsCompleted && !result.IsCanceled;
}
