using System.Buffers;
using LlmLoad.Simulator.ChatCompletions;
using LlmLoad.Simulator.Generation;
using LlmLoad.Simulator.RateLimiting;
using LlmLoad.Simulator.Serving;
using LlmLoad.Simulator.Serving.PrefixCaching;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.Completions;

/// <summary>A legacy completions request and how OpenAI answers it: admission and errors as for all its APIs (<see cref="OpenAiAdmission"/>), <c>text_completion</c> chunks.</summary>
internal sealed class CompletionsExchange(CompletionRequest request, int defaultMaxTokens) : IOpenAiExchange
{
    public string Model => request.Model;

    public int PromptTokens => request.PromptTokens;

    public PromptPrefix? Prefix => request.Prefix;

    public int OutputTokens => request.MaxTokens ?? defaultMaxTokens;

    public bool Stream => request.Stream;

    public string FinishedReason => request.FinishReason;

    public string IdPrefix => "cmpl-";

    public ReadOnlyMemory<byte> ErrorEvent { get; } =
        "data: {\"error\":{\"message\":\"The server had an error while processing your request. Sorry about that!\",\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n"u8.ToArray();

    public ReadOnlyMemory<byte> MalformedEvent { get; } =
        "data: {\"id\":\"cmpl-malformed\",\"object\":\"text_completion\",\"choices\":[{\"text\":\n\n"u8.ToArray();

    public Task<ResponseTimeline?> StreamAsync(HttpContext context, ResponseGenerator generator, CancellationToken cancellationToken)
        => CompletionStreamingResponder.SendAsync(context, request, this, generator, cancellationToken);

    public ArrayBufferWriter<byte> BufferedBody(CompletionPlan plan, ReadOnlySpan<byte> text) => CompletionBody.Build(request, plan, text);
}
