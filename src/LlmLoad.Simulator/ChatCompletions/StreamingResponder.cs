using System.Diagnostics;
using LlmLoad.Simulator.Generation;
using LlmLoad.Simulator.Serving;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.ChatCompletions;

/// <summary>
/// Sends a response as OpenAI's SSE stream: role chunk at once, one chunk per token on schedule,
/// finish chunk, optional usage chunk, <c>[DONE]</c>. A reasoning model's
/// thinking comes first, in the delta field the profile names, or not at all as on OpenAI's own API.
/// </summary>
internal static class StreamingResponder
{
    /// <param name="fields">What the service adds to OpenAI's chunks (Azure's content filter results); none for OpenAI.</param>
    /// <returns>The send times, or null when the stream did not complete.</returns>
    public static async Task<ResponseTimeline?> SendAsync(
        HttpContext context, ChatCompletionRequest request, IApiExchange exchange, ResponseGenerator generator, CancellationToken cancellationToken, ChatAnswerFields? fields = null)
    {
        var plan = generator.Plan;
        var reasoning = generator.Reasoning;
        var templates = new ChunkTemplates(plan, fields, reasoning.ChatShowsReasoning ? reasoning.ChatField : null);
        var reasoningFrames = reasoning.ChatShowsReasoning ? new TokenFrames(templates.ReasoningPrefix, templates.ContentSuffix) : TokenFrames.Hidden;
        // A function call streams its arguments where text would be: the id and name come with the first fragment.
        var answer = plan.ToolCall is { } call
            ? new TokenFrames(templates.ToolPrefix, ChunkTemplates.ToolSuffix, templates.ToolOpening(call))
            : new TokenFrames(templates.ContentPrefix, templates.ContentSuffix);
        var writer = TokenEventStream.Start(context);
        if (fields?.LeadingEvent is { } leading && !await TokenEventStream.SendAsync(writer, leading, cancellationToken))
        {
            return null;
        }

        // Headers and the role chunk go out as soon as the request is accepted, before any queueing, as
        // an OpenAI-compatible server does; the chunk carries no content, so it must not count as the first token.
        if (!await TokenEventStream.SendAsync(writer, templates.Role(), cancellationToken)
            || await TokenEventStream.SendTokensAsync(context, exchange, generator, reasoningFrames, answer, cancellationToken) is not { } firstContentSent)
        {
            return null;
        }

        if ((plan.ToolCall is not null && !await TokenEventStream.SendAsync(writer, templates.ToolClosing(), cancellationToken))
            || !await TokenEventStream.SendAsync(writer, templates.Finish(request.FinishReasonOf(plan)), cancellationToken)
            || (request.IncludeUsage && !await TokenEventStream.SendAsync(writer, templates.Usage(plan), cancellationToken))
            || !await TokenEventStream.SendAsync(writer, ChunkTemplates.Done, cancellationToken))
        {
            return null;
        }

        return new ResponseTimeline(firstContentSent, Stopwatch.GetTimestamp());
    }
}
