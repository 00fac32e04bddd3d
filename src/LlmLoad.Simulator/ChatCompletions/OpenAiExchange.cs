using System.Buffers;
using System.Globalization;
using LlmLoad.Simulator.Generation;
using LlmLoad.Simulator.RateLimiting;
using LlmLoad.Simulator.Serving.PrefixCaching;
using LlmLoad.Simulator.Serving;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.ChatCompletions;

/// <summary>A chat completion request and how OpenAI answers it: <c>x-ratelimit-*</c> headers, its error envelope, its SSE chunks.</summary>
internal sealed class OpenAiExchange(ChatCompletionRequest request, int defaultMaxTokens) : IApiExchange
{
    public string Model => request.Model;

    public int PromptTokens => request.PromptTokens;

    public PromptPrefix? Prefix => request.Prefix;

    public int OutputTokens => request.MaxTokens ?? defaultMaxTokens;

    public bool Stream => request.Stream;

    public string FinishedReason => request.FinishReason;

    public string IdPrefix => "chatcmpl-";

    public ReadOnlyMemory<byte> ErrorEvent { get; } =
        "data: {\"error\":{\"message\":\"The server had an error while processing your request. Sorry about that!\",\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n"u8.ToArray();

    public ReadOnlyMemory<byte> MalformedEvent { get; } =
        "data: {\"id\":\"chatcmpl-malformed\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\n\n"u8.ToArray();

    /// <summary>OpenAI counts a request's prompt and its max output against one token bucket at admission.</summary>
    public RateLimitDecision AdmitRateLimits(RateLimiter limiter) => limiter.AdmitOpenAi(PromptTokens, OutputTokens);

    public void WriteRateLimitHeaders(HttpResponse response, RateLimitDecision decision)
    {
        foreach (var state in decision.States)
        {
            var name = state.Kind == RateLimitKind.Requests ? "requests" : "tokens";
            response.Headers["x-ratelimit-limit-" + name] = state.Limit.ToString(CultureInfo.InvariantCulture);
            response.Headers["x-ratelimit-remaining-" + name] = state.Remaining.ToString(CultureInfo.InvariantCulture);
            response.Headers["x-ratelimit-reset-" + name] = GoDuration.Format(state.ResetIn);
        }
    }

    public Task WriteRateLimitedAsync(HttpContext context, RateLimitDecision decision, CancellationToken cancellationToken)
    {
        var exceeded = decision.Exceeded!.Value;
        var isRequests = exceeded.Kind == RateLimitKind.Requests;
        var what = isRequests ? "requests per min (RPM)" : "tokens per min (TPM)";
        string message;
        if (decision.RetryAfter is { } retryAfter)
        {
            RetryAfterHeaders.Write(context.Response, retryAfter);
            message = string.Create(
                CultureInfo.InvariantCulture,
                $"Rate limit reached for {Model} in organization org-llmload-simulator on {what}: Limit {exceeded.Limit}, Used {exceeded.Limit - exceeded.Remaining}, Requested {decision.Requested}. Please try again in {GoDuration.Format(retryAfter)}. Visit https://platform.openai.com/account/rate-limits to learn more.");
        }
        else
        {
            message = string.Create(
                CultureInfo.InvariantCulture,
                $"Request too large for {Model} in organization org-llmload-simulator on {what}: Limit {exceeded.Limit}, Requested {decision.Requested}. The input or output tokens must be reduced in order to run successfully.");
        }

        return ApiError.RateLimited(message, isRequests ? "requests" : "tokens").WriteAsync(context.Response, cancellationToken);
    }

    public Task WriteStatusAsync(HttpContext context, int status, CancellationToken cancellationToken)
    {
        if (status == StatusCodes.Status429TooManyRequests)
        {
            RetryAfterHeaders.Write(context.Response, TimeSpan.FromSeconds(1));
        }

        return ApiError.ForStatus(status).WriteAsync(context.Response, cancellationToken);
    }

    public Task WriteContextTooLongAsync(HttpContext context, long requested, long capacity, CancellationToken cancellationToken)
        => ApiError.ContextTooLong(requested, capacity).WriteAsync(context.Response, cancellationToken);

    public Task<ResponseTimeline?> StreamAsync(HttpContext context, ResponseGenerator generator, CancellationToken cancellationToken)
        => StreamingResponder.SendAsync(context, request, this, generator, cancellationToken);

    public ArrayBufferWriter<byte> BufferedBody(CompletionPlan plan, ReadOnlySpan<byte> text) => ChatCompletionBody.Build(request, plan, text);
}
