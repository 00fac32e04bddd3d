using System.Diagnostics;
using LlmLoad.Simulator.Generation;
using LlmLoad.Simulator.Serving;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.GenerateContent;

/// <summary>
/// Sends a response as Gemini's SSE stream: nothing before the first token (the API sends no opening event),
/// one GenerateContentResponse per token on schedule, then the closing chunk with the finish reason and
/// the final usage; the body's end is the stream's end.
/// </summary>
internal static class GenerateContentStreamingResponder
{
    /// <returns>The send times, or null when the stream did not complete.</returns>
    public static async Task<ResponseTimeline?> SendAsync(
        HttpContext context, GenerateContentRequest request, IApiExchange exchange, ResponseGenerator generator, CancellationToken cancellationToken)
    {
        var plan = generator.Plan;
        var templates = new GenerateContentChunkTemplates(plan);
        // Thoughts are sent only when the request asks for them; otherwise the first chunk waits for the answer.
        var thoughts = request.IncludeThoughts ? new TokenFrames(GenerateContentChunkTemplates.TokenPrefix, templates.ThoughtSuffix) : TokenFrames.Hidden;
        var writer = TokenEventStream.Start(context);
        if (await TokenEventStream.SendTokensAsync(context, exchange, generator, thoughts, new TokenFrames(GenerateContentChunkTemplates.TokenPrefix, templates.TokenSuffix), cancellationToken) is not { } firstContentSent
            || !await TokenEventStream.SendAsync(writer, templates.Closing(plan, request.FinishReason), cancellationToken))
        {
            return null;
        }

        return new ResponseTimeline(firstContentSent, Stopwatch.GetTimestamp());
    }
}
