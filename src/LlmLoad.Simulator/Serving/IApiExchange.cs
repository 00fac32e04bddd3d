using System.Buffers;
using LlmLoad.Simulator.Generation;
using LlmLoad.Simulator.RateLimiting;
using LlmLoad.Simulator.Serving.PrefixCaching;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.Serving;

/// <summary>
/// One parsed request in the wire format of the API it came to (OpenAI chat completions, Anthropic
/// messages), and how that API answers: its rate-limit style and headers, its error envelopes, the bytes
/// of its responses. Queueing, timing, faults and metrics are the same for both, in <see cref="ServingEngine"/>.
/// </summary>
internal interface IApiExchange
{
    string Model { get; }

    int PromptTokens { get; }

    /// <summary>The prompt keyed for the prefix cache; null when the cache is off.</summary>
    PromptPrefix? Prefix { get; }

    /// <summary>The output length: the request's cap, or the server's default.</summary>
    int OutputTokens { get; }

    bool Stream { get; }

    /// <summary>
    /// The most reasoning tokens this request lets the model spend: unlimited for an API whose reasoning models
    /// always think, the request's own budget where it sets one (Anthropic's <c>thinking.budget_tokens</c>), 0 where the
    /// API has no reasoning (the default), so a reasoning profile leaves that API's answers as they were.
    /// </summary>
    int ReasoningBudget => 0;

    /// <summary>How a complete response ended, in <c>vllm:request_success_total</c>'s words: stop or length.</summary>
    string FinishedReason { get; }

    /// <summary>The id prefix of a response (<c>chatcmpl-</c>, <c>msg_</c>).</summary>
    string IdPrefix { get; }

    /// <summary>The function tools the request offers and its tool choice; none by default (an API without tools).</summary>
    OfferedTools Tools => OfferedTools.None;

    /// <summary>The id prefix of a function call in this API (<c>call_</c>, <c>toolu_</c>).</summary>
    string ToolCallIdPrefix => "call_";

    /// <summary>The SSE event a server sends when it fails part-way through a 200 stream.</summary>
    ReadOnlyMemory<byte> ErrorEvent { get; }

    /// <summary>An SSE event whose data is not valid JSON, as a broken proxy or server might send.</summary>
    ReadOnlyMemory<byte> MalformedEvent { get; }

    RateLimitDecision AdmitRateLimits(RateLimiter limiter);

    void WriteRateLimitHeaders(HttpResponse response, RateLimitDecision decision);

    Task WriteRateLimitedAsync(HttpContext context, RateLimitDecision decision, CancellationToken cancellationToken);

    /// <summary>An error answer by status alone: an injected fault or a full queue (429, 500, 503, 529).</summary>
    Task WriteStatusAsync(HttpContext context, int status, CancellationToken cancellationToken);

    Task WriteContextTooLongAsync(HttpContext context, long requested, long capacity, CancellationToken cancellationToken);

    /// <returns>The send times, or null when the response did not complete (client left, or a fault ended it).</returns>
    Task<ResponseTimeline?> StreamAsync(HttpContext context, ResponseGenerator generator, CancellationToken cancellationToken);

    /// <summary>The whole body of a non-streamed response, given the generated text.</summary>
    ArrayBufferWriter<byte> BufferedBody(CompletionPlan plan, ReadOnlySpan<byte> text);

    /// <summary>The body of a response that reasoned first: the reasoning text apart from the answer's. An API without reasoning leaves it out.</summary>
    ArrayBufferWriter<byte> BufferedBody(CompletionPlan plan, ReadOnlySpan<byte> reasoning, ReadOnlySpan<byte> answer) => BufferedBody(plan, answer);
}
