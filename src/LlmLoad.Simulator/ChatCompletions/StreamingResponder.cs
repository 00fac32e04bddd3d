using System.Diagnostics;
using System.IO.Pipelines;
using LlmLoad.Simulator.Timing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace LlmLoad.Simulator.ChatCompletions;

/// <summary>
/// Sends a response as OpenAI's SSE stream: role chunk at once, one chunk per token on schedule,
/// finish chunk, optional usage chunk, <c>[DONE]</c>. Each event is flushed on its own so a client
/// sees it at the moment the schedule says, which is what a load tester's timings are checked against.
/// </summary>
internal static class StreamingResponder
{
    /// <returns>The send times, or null when the client went away before the end.</returns>
    public static async Task<ResponseTimeline?> SendAsync(HttpContext context, CompletionPlan plan, CancellationToken cancellationToken)
    {
        var templates = new ChunkTemplates(plan);
        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        // Kestrel does not buffer, but a middleware added later (compression) could: each event must leave now.
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var writer = response.BodyWriter;

        // Headers and the role chunk go out as soon as the request is accepted, as the real API does;
        // the chunk carries no content, so it must not count as the first token.
        if (!await SendAsync(writer, templates.Role(), cancellationToken))
        {
            return null;
        }

        long firstContentSent = 0;
        for (var i = 0; i < plan.CompletionTokens; i++)
        {
            var (wordIndex, due) = plan.Schedule.Next();
            if (!await Pacer.Shared.WaitUntilAsync(due, cancellationToken))
            {
                return null;
            }

            WriteContentChunk(writer, templates.ContentPrefix, WordBytes.Get(wordIndex));
            if (!Delivered(await writer.FlushAsync(cancellationToken)))
            {
                return null;
            }

            if (i == 0)
            {
                firstContentSent = Stopwatch.GetTimestamp();
            }
        }

        if (!await SendAsync(writer, templates.Finish(plan.FinishReason), cancellationToken)
            || (plan.Request.IncludeUsage && !await SendAsync(writer, templates.Usage(plan.Request.PromptTokens, plan.CompletionTokens), cancellationToken))
            || !await SendAsync(writer, ChunkTemplates.Done, cancellationToken))
        {
            return null;
        }

        return new ResponseTimeline(firstContentSent, Stopwatch.GetTimestamp());
    }

    /// <summary>One copy into the pipe, so the whole event is a single HTTP chunk.</summary>
    private static void WriteContentChunk(PipeWriter writer, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> word)
    {
        var suffix = ChunkTemplates.ContentSuffix;
        var length = prefix.Length + word.Length + suffix.Length;
        var span = writer.GetSpan(length);
        prefix.CopyTo(span);
        word.CopyTo(span[prefix.Length..]);
        suffix.CopyTo(span[(prefix.Length + word.Length)..]);
        writer.Advance(length);
    }

    private static async ValueTask<bool> SendAsync(PipeWriter writer, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
        => Delivered(await writer.WriteAsync(bytes, cancellationToken));

    /// <summary>A completed pipe means the connection is gone; nothing more can reach the client.</summary>
    private static bool Delivered(FlushResult result) => !result.IsCompleted && !result.IsCanceled;
}
