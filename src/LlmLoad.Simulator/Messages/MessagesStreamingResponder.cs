using System.Diagnostics;
using LlmLoad.Simulator.Generation;
using LlmLoad.Simulator.Serving;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.Messages;

/// <summary>
/// Sends a response as Anthropic's SSE stream: <c>message_start</c>, <c>content_block_start</c> and
/// <c>ping</c> at once, one <c>content_block_delta</c> per token on schedule, then the closing events.
/// </summary>
internal static class MessagesStreamingResponder
{
    /// <returns>The send times, or null when the stream did not complete.</returns>
    public static async Task<ResponseTimeline?> SendAsync(HttpContext context, IApiExchange exchange, ResponseGenerator generator, CancellationToken cancellationToken)
    {
        var writer = TokenEventStream.Start(context);

        // The opening events carry no text, so they must not count as the first token.
        if (!await TokenEventStream.SendAsync(writer, MessageEventTemplates.Opening(generator.Plan), cancellationToken)
            || await SendTokensAsync(context, exchange, generator, cancellationToken) is not { } firstContentSent
            || !await TokenEventStream.SendAsync(writer, MessageEventTemplates.Closing(generator.Plan), cancellationToken))
        {
            return null;
        }

        return new ResponseTimeline(firstContentSent, Stopwatch.GetTimestamp());
    }

    /// <summary>The tokens: with extended thinking, <c>thinking_delta</c>s in block 0, then the answer (text or tool input) in block 1.</summary>
    private static Task<long?> SendTokensAsync(HttpContext context, IApiExchange exchange, ResponseGenerator generator, CancellationToken cancellationToken)
    {
        var plan = generator.Plan;
        var thinking = new TokenFrames(MessageEventTemplates.ThinkingDeltaPrefix, MessageEventTemplates.DeltaSuffix);
        var answer = new TokenFrames(MessageEventTemplates.AnswerDeltaPrefix(plan), MessageEventTemplates.DeltaSuffix, MessageEventTemplates.AnswerOpening(plan));
        return TokenEventStream.SendTokensAsync(context, exchange, generator, thinking, answer, cancellationToken);
    }
}
