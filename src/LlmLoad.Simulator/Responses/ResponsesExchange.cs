using System.Buffers;
using LlmLoad.Simulator.ChatCompletions;
using LlmLoad.Simulator.Generation;
using LlmLoad.Simulator.RateLimiting;
using LlmLoad.Simulator.Serving;
using LlmLoad.Simulator.Serving.PrefixCaching;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.Responses;

/// <summary>
/// A Responses API request and how OpenAI answers it: the same rate limits, headers and error envelope as
/// chat completions (<see cref="OpenAiAdmission"/>), its own response object and typed, numbered SSE events.
/// </summary>
internal sealed class ResponsesExchange(ResponsesRequest request, int defaultMaxTokens) : IOpenAiExchange
{
    /// <summary>The ids of the one message item the response's output holds, and of the reasoning item before it.</summary>
    private readonly ResponseItemIds _ids = ResponseItemIds.New();

    public string Model => request.Model;

    public int PromptTokens => request.PromptTokens;

    public PromptPrefix? Prefix => request.Prefix;

    public int OutputTokens => request.MaxOutputTokens ?? defaultMaxTokens;

    public bool Stream => request.Stream;

    /// <summary>A reasoning model always reasons; <c>max_output_tokens</c> covers its reasoning too.</summary>
    public int ReasoningBudget => int.MaxValue;

    public OfferedTools Tools => request.Tools;

    public string FinishedReason => request.FinishedReason;

    public string IdPrefix => "resp_";

    /// <summary>
    /// Read only for a buffered response, whose 200 body then is OpenAI's error envelope, as with chat
    /// completions; a stream fails with its own numbered <c>response.failed</c> (<see cref="ResponsesEvents.Failed"/>).
    /// </summary>
    public ReadOnlyMemory<byte> ErrorEvent { get; } =
        "data: {\"error\":{\"message\":\"The server had an error while processing your request. Sorry about that!\",\"type\":\"server_error\",\"param\":null,\"code\":\"server_error\"}}\n\n"u8.ToArray();

    public ReadOnlyMemory<byte> MalformedEvent => ResponsesEvents.Malformed;

    /// <summary>Like chat completions: the prompt and the max output against one token bucket at admission.</summary>
    /// <summary>The API's words for an input that does not fit, with the numbers the simulator compared.</summary>
    public Task WriteContextTooLongAsync(HttpContext context, long requested, long capacity, CancellationToken cancellationToken)
        => ApiError.BadRequest(
            $"Your input exceeds the context window of this model. Please adjust your input and try again. (The input and max_output_tokens need {requested} tokens; the context holds {capacity}.)",
            "input",
            "context_length_exceeded").WriteAsync(context.Response, cancellationToken);

    public Task<ResponseTimeline?> StreamAsync(HttpContext context, ResponseGenerator generator, CancellationToken cancellationToken)
        => ResponsesStreamingResponder.SendAsync(context, request, _ids, this, generator, cancellationToken);

    public ArrayBufferWriter<byte> BufferedBody(CompletionPlan plan, ReadOnlySpan<byte> text) => ResponseBody.Build(request, plan, _ids, default, text);

    public ArrayBufferWriter<byte> BufferedBody(CompletionPlan plan, ReadOnlySpan<byte> reasoning, ReadOnlySpan<byte> answer) => ResponseBody.Build(request, plan, _ids, reasoning, answer);
}
