using System.Buffers;
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
        // Gemini does not stream a function call's arguments: the call arrives whole, in the last chunk, once generated.
        var call = plan.ToolCall is null ? null : new ArrayBufferWriter<byte>(plan.AnswerTokens * 8);
        var answer = call is null ? new TokenFrames(GenerateContentChunkTemplates.TokenPrefix, templates.TokenSuffix) : TokenFrames.Hidden;
        if (await TokenEventStream.SendTokensAsync(context, exchange, generator, thoughts, answer, cancellationToken, call) is not { } firstContentSent
            || !await TokenEventStream.SendAsync(writer, call is null ? templates.Closing(plan, request.FinishReason) : templates.FunctionCall(plan, call.WrittenSpan), cancellationToken))
        {
            return null;
        }

        if (firstContentSent == 0)
        {
            firstContentSent = Stopwatch.GetTimestamp();
        }

        return new ResponseTimeline(firstContentSent, Stopwatch.GetTimestamp());
    }
}
