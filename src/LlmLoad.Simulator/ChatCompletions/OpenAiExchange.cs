using System.Buffers;
using LlmLoad.Simulator.Generation;
using LlmLoad.Simulator.RateLimiting;
using LlmLoad.Simulator.Serving.PrefixCaching;
using LlmLoad.Simulator.Serving;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.ChatCompletions;

/// <summary>A chat completion request and how OpenAI answers it: <c>x-ratelimit-*</c> headers, its error envelope, its SSE chunks.</summary>
/// <param name="reasoning">How the server's reasoning model shows its thinking in a buffered answer; null shows none.</param>
internal sealed class OpenAiExchange(ChatCompletionRequest request, int defaultMaxTokens, SimulatedReasoning? reasoning = null) : IOpenAiExchange
{
    private readonly string? _reasoningField = reasoning is { ChatShowsReasoning: true } ? reasoning.ChatField : null;

    public string Model => request.Model;

    public int PromptTokens => request.PromptTokens;

    public PromptPrefix? Prefix => request.Prefix;

    public int OutputTokens => request.MaxTokens ?? defaultMaxTokens;

    public bool Stream => request.Stream;

    /// <summary>A reasoning model on chat completions always thinks; the cap (<c>max_completion_tokens</c>) covers its reasoning too.</summary>
    public int ReasoningBudget => int.MaxValue;

    public OfferedTools Tools => request.Tools;

    public string FinishedReason => request.FinishReason;

    public string IdPrefix => "chatcmpl-";

    public ReadOnlyMemory<byte> ErrorEvent { get; } =
        "data: {\"error\":{\"message\":\"The server had an error while processing your request. Sorry about that!\",\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n"u8.ToArray();

    public ReadOnlyMemory<byte> MalformedEvent { get; } =
        "data: {\"id\":\"chatcmpl-malformed\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\n\n"u8.ToArray();

    public Task<ResponseTimeline?> StreamAsync(HttpContext context, ResponseGenerator generator, CancellationToken cancellationToken)
        => StreamingResponder.SendAsync(context, request, this, generator, cancellationToken);

    public ArrayBufferWriter<byte> BufferedBody(CompletionPlan plan, ReadOnlySpan<byte> text) => ChatCompletionBody.Build(request, plan, text);

    public ArrayBufferWriter<byte> BufferedBody(CompletionPlan plan, ReadOnlySpan<byte> reasoning, ReadOnlySpan<byte> answer)
        => ChatCompletionBody.Build(request, plan, answer, reasoningField: _reasoningField, reasoning: reasoning);
}
