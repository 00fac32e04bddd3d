using System.Buffers;
using System.Globalization;
using LlmLoad.Simulator.Generation;
using LlmLoad.Simulator.RateLimiting;
using LlmLoad.Simulator.Serving;
using LlmLoad.Simulator.Serving.PrefixCaching;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.Messages;

/// <summary>
/// A Messages request and how Anthropic answers it: <c>anthropic-ratelimit-*</c> headers with RFC 3339
/// reset times, its error envelope (with the request id), its SSE events.
/// </summary>
internal sealed class AnthropicExchange(MessagesRequest request, string requestId, TimeProvider time) : IApiExchange
{
    public string Model => request.Model;

    public int PromptTokens => request.PromptTokens;

    public PromptPrefix? Prefix => request.Prefix;

    public int OutputTokens => request.MaxTokens;

    public bool Stream => request.Stream;

    /// <summary>Thinking only when the request enables it, within its <c>budget_tokens</c>; <c>max_tokens</c> covers thinking and text together.</summary>
    public int ReasoningBudget => request.ThinkingBudget;

    public OfferedTools Tools => request.Tools;

    public string ToolCallIdPrefix => "toolu_";

    /// <summary>The output always runs to <c>max_tokens</c>.</summary>
    public string FinishedReason => "length";

    public string IdPrefix => "msg_";

    public ReadOnlyMemory<byte> ErrorEvent { get; } =
        "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n"u8.ToArray();

    public ReadOnlyMemory<byte> MalformedEvent { get; } =
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_del\n\n"u8.ToArray();

    /// <summary>Input and output tokens come from separate buckets; output is estimated from max_tokens at admission.</summary>
    public RateLimitDecision AdmitRateLimits(RateLimiter limiter) => limiter.AdmitAnthropic(PromptTokens, OutputTokens);

    public void WriteRateLimitHeaders(HttpResponse response, RateLimitDecision decision)
    {
        var now = time.GetUtcNow();
        long tokensLimit = 0, tokensRemaining = 0;
        var tokensReset = TimeSpan.Zero;
        foreach (var state in decision.States)
        {
            Write(response, Name(state.Kind), state.Limit, state.Remaining, now + state.ResetIn);
            if (state.Kind != RateLimitKind.Requests)
            {
                tokensLimit += state.Limit;
                tokensRemaining += state.Remaining;
                tokensReset = state.ResetIn > tokensReset ? state.ResetIn : tokensReset;
            }
        }

        // The combined token headers: input and output together, as the live API reports them.
        if (tokensLimit > 0)
        {
            Write(response, "tokens", tokensLimit, tokensRemaining, now + tokensReset);
        }
    }

    public Task WriteRateLimitedAsync(HttpContext context, RateLimitDecision decision, CancellationToken cancellationToken)
    {
        var exceeded = decision.Exceeded!.Value;
        if (decision.RetryAfter is { } retryAfter)
        {
            RetryAfterHeaders.WriteSeconds(context.Response, retryAfter, decision.RetryAfterStyle);
        }

        // Anthropic's words for its concurrency limit, as its API has answered them.
        var message = exceeded.Kind == RateLimitKind.Concurrency
            ? "Number of concurrent connections has exceeded your rate limit. Please try again later or contact sales at https://www.anthropic.com/contact-sales to discuss your options for a rate limit increase."
            : string.Create(
            CultureInfo.InvariantCulture,
            $"This request would exceed the rate limit for your organization of {exceeded.Limit} {Name(exceeded.Kind).Replace('-', ' ')} per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later.");
        return AnthropicError.RateLimited(message).WriteAsync(context.Response, requestId, cancellationToken);
    }

    public Task WriteStatusAsync(HttpContext context, int status, CancellationToken cancellationToken)
    {
        if (status == StatusCodes.Status429TooManyRequests)
        {
            RetryAfterHeaders.WriteSeconds(context.Response, TimeSpan.FromSeconds(1), RetryAfterStyle.Provider);
        }

        return AnthropicError.ForStatus(status).WriteAsync(context.Response, requestId, cancellationToken);
    }

    public Task WriteContextTooLongAsync(HttpContext context, long requested, long capacity, CancellationToken cancellationToken)
        => AnthropicError.ContextTooLong(requested, capacity).WriteAsync(context.Response, requestId, cancellationToken);

    public Task<ResponseTimeline?> StreamAsync(HttpContext context, ResponseGenerator generator, CancellationToken cancellationToken)
        => MessagesStreamingResponder.SendAsync(context, this, generator, cancellationToken);

    public ArrayBufferWriter<byte> BufferedBody(CompletionPlan plan, ReadOnlySpan<byte> text) => MessageBody.Build(plan, default, text);

    public ArrayBufferWriter<byte> BufferedBody(CompletionPlan plan, ReadOnlySpan<byte> reasoning, ReadOnlySpan<byte> answer) => MessageBody.Build(plan, reasoning, answer);

    private static string Name(RateLimitKind kind) => kind switch
    {
        RateLimitKind.Requests => "requests",
        RateLimitKind.InputTokens => "input-tokens",
        RateLimitKind.OutputTokens => "output-tokens",
        _ => "tokens",
    };

    private static void Write(HttpResponse response, string name, long limit, long remaining, DateTimeOffset reset)
    {
        var prefix = "anthropic-ratelimit-" + name;
        response.Headers[prefix + "-limit"] = limit.ToString(CultureInfo.InvariantCulture);
        response.Headers[prefix + "-remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        // RFC 3339 at whole seconds, rounded up so the bucket is full by then.
        var seconds = (long)Math.Ceiling(reset.ToUnixTimeMilliseconds() / 1000.0);
        response.Headers[prefix + "-reset"] = DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
