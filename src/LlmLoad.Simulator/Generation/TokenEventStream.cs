using System.Diagnostics;
using System.IO.Pipelines;
using LlmLoad.Simulator.Timing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace LlmLoad.Simulator.Generation;

/// <summary>
/// The SSE mechanics every streaming API shares: headers, one flushed event per token at the moment the
/// schedule says (a client's timings are checked against exactly that), and detecting a client that left.
/// The APIs differ only in the bytes around each word, which they precompute per request.
/// </summary>
internal static class TokenEventStream
{
    public static PipeWriter Start(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        // Kestrel does not buffer, but a middleware added later (compression) could: each event must leave now.
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        return response.BodyWriter;
    }

    /// <summary>Sends <paramref name="prefix"/> + word + <paramref name="suffix"/> for each token, each on its due time.</summary>
    /// <returns>When the first token's event was flushed, or null when the client went away.</returns>
    public static async Task<long?> SendTokensAsync(PipeWriter writer, CompletionPlan plan, ReadOnlyMemory<byte> prefix, ReadOnlyMemory<byte> suffix, CancellationToken cancellationToken)
    {
        long firstContentSent = 0;
        for (var i = 0; i < plan.CompletionTokens; i++)
        {
            var (wordIndex, due) = plan.Schedule.Next();
            if (!await Pacer.Shared.WaitUntilAsync(due, cancellationToken))
            {
                return null;
            }

            WriteTokenEvent(writer, prefix.Span, WordBytes.Get(wordIndex), suffix.Span);
            if (!Delivered(await writer.FlushAsync(cancellationToken)))
            {
                return null;
            }

            if (i == 0)
            {
                firstContentSent = Stopwatch.GetTimestamp();
            }
        }

        return firstContentSent;
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
