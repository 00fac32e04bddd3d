using System.Buffers;
using System.Diagnostics;
using LlmLoad.Simulator.Timing;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.Generation;

/// <summary>
/// Sends a non-streamed response at the moment the last token would have been generated (TTFT + the gaps
/// between tokens), as a real server does; the APIs differ only in the JSON body around the text.
/// </summary>
internal static class BufferedSend
{
    /// <param name="buildBody">Wraps the generated text (UTF-8, no JSON escaping needed) in the API's body.</param>
    /// <returns>The send time (first content and last byte coincide), or null when the client went away.</returns>
    public static async Task<ResponseTimeline?> SendAsync(
        HttpContext context, CompletionPlan plan, Func<ReadOnlyMemory<byte>, ArrayBufferWriter<byte>> buildBody, CancellationToken cancellationToken)
    {
        // Draw the whole schedule and build the body first, so the CPU work is done before the due time.
        var content = new ArrayBufferWriter<byte>(plan.CompletionTokens * 8);
        long due = 0;
        for (var i = 0; i < plan.CompletionTokens; i++)
        {
            (var wordIndex, due) = plan.Schedule.Next();
            content.Write(WordBytes.Get(wordIndex));
        }

        var body = buildBody(content.WrittenMemory);
        if (!await Pacer.Shared.WaitUntilAsync(due, cancellationToken))
        {
            return null;
        }

        var response = context.Response;
        response.ContentType = "application/json";
        response.ContentLength = body.WrittenCount;
        var result = await response.BodyWriter.WriteAsync(body.WrittenMemory, cancellationToken);
        var sent = Stopwatch.GetTimestamp();
        return result.IsCompleted || result.IsCanceled ? null : new ResponseTimeline(sent, sent);
    }
}
