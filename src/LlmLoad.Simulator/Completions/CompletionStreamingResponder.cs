using System.Diagnostics;
using LlmLoad.Simulator.ChatCompletions;
using LlmLoad.Simulator.Generation;
using LlmLoad.Simulator.Serving;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.Completions;

/// <summary>
/// Sends a legacy completion as its SSE stream: one chunk per token on schedule, the finish chunk,
/// the usage chunk when asked for, <c>[DONE]</c>. There is no role chunk, so the headers are sent on
/// their own as soon as the request is accepted, as vLLM and OpenAI do.
/// </summary>
internal static class CompletionStreamingResponder
{
    /// <returns>The send times, or null when the stream did not complete.</returns>
    public static async Task<ResponseTimeline?> SendAsync(
        HttpContext context, CompletionRequest request, IApiExchange exchange, ResponseGenerator generator, CancellationToken cancellationToken)
    {
        var plan = generator.Plan;
        var templates = new CompletionChunkTemplates(plan, request.IncludeUsage);
        var writer = TokenEventStream.Start(context);
        // Starting the response only fixes the headers; the flush puts them on the wire.
        await context.Response.StartAsync(cancellationToken);
        await writer.FlushAsync(cancellationToken);
        if (await TokenEventStream.SendTokensAsync(context, exchange, generator, templates.TextPrefix, templates.TextSuffix, cancellationToken) is not { } firstContentSent)
        {
            return null;
        }

        if (!await TokenEventStream.SendAsync(writer, templates.Finish(request.FinishReason), cancellationToken)
            || (request.IncludeUsage && !await TokenEventStream.SendAsync(writer, templates.Usage(plan), cancellationToken))
            || !await TokenEventStream.SendAsync(writer, ChunkTemplates.Done, cancellationToken))
        {
            return null;
        }

        return new ResponseTimeline(firstContentSent, Stopwatch.GetTimestamp());
    }
}
