using System.Buffers;
using System.Globalization;
using LlmLoad.Simulator.ChatCompletions;
using LlmLoad.Simulator.Generation;
using LlmLoad.Simulator.RateLimiting;
using LlmLoad.Simulator.Serving;
using LlmLoad.Simulator.Serving.PrefixCaching;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.AzureOpenAi;

/// <summary>
/// A chat completion request to Azure OpenAI: OpenAI's exchange (<see cref="OpenAiExchange"/>), whose
/// request, chunks and body it keeps, plus Azure's content filter results, its rate-limit headers and its
/// own 429 envelope.
/// </summary>
/// <param name="apiVersion">The request's <c>api-version</c>, or <see cref="AzureApiVersion.V1"/>: Azure's 429 message names it.</param>
internal sealed class AzureExchange(ChatCompletionRequest request, int defaultMaxTokens, string apiVersion) : IApiExchange
{
    private readonly OpenAiExchange _openAi = new(request, defaultMaxTokens);

    public string Model => _openAi.Model;

    public int PromptTokens => _openAi.PromptTokens;

    public PromptPrefix? Prefix => _openAi.Prefix;

    public int OutputTokens => _openAi.OutputTokens;

    public bool Stream => _openAi.Stream;

    /// <summary>Tool calls as OpenAI's. Reasoning is not simulated on Azure's routes yet (ReasoningBudget keeps its default, 0).</summary>
    public OfferedTools Tools => _openAi.Tools;

    public string FinishedReason => _openAi.FinishedReason;

    public string IdPrefix => _openAi.IdPrefix;

    public ReadOnlyMemory<byte> ErrorEvent => _openAi.ErrorEvent;

    public ReadOnlyMemory<byte> MalformedEvent => _openAi.MalformedEvent;

    public RateLimitDecision AdmitRateLimits(RateLimiter limiter) => ((IApiExchange)_openAi).AdmitRateLimits(limiter);

    /// <summary>Azure reports what is left, not the limit or its reset (wire-formats.md §4).</summary>
    public void WriteRateLimitHeaders(HttpResponse response, RateLimitDecision decision)
    {
        foreach (var state in decision.States)
        {
            var name = state.Kind == RateLimitKind.Requests ? "requests" : "tokens";
            response.Headers["x-ratelimit-remaining-" + name] = state.Remaining.ToString(CultureInfo.InvariantCulture);
        }
    }

    public Task WriteRateLimitedAsync(HttpContext context, RateLimitDecision decision, CancellationToken cancellationToken)
    {
        var what = decision.Exceeded!.Value.Kind switch
        {
            RateLimitKind.Requests => "call",
            RateLimitKind.Concurrency => "concurrent request",
            _ => "token",
        };
        // A request too large for the limit is never admitted, however long it waits: Azure then names no wait.
        var wait = decision.RetryAfter ?? TimeSpan.FromMinutes(1);
        RetryAfterHeaders.Write(context.Response, wait, decision.RetryAfterStyle);
        return AzureError.RateLimited(RateLimitedMessage(what, wait)).WriteAsync(context.Response, cancellationToken);
    }

    /// <summary>A full queue's 429 in Azure's words; other statuses keep the model's (OpenAI's) envelope, which Azure passes through.</summary>
    public Task WriteStatusAsync(HttpContext context, int status, CancellationToken cancellationToken)
    {
        if (status != StatusCodes.Status429TooManyRequests)
        {
            return ((IApiExchange)_openAi).WriteStatusAsync(context, status, cancellationToken);
        }

        var wait = TimeSpan.FromSeconds(1);
        RetryAfterHeaders.Write(context.Response, wait, RetryAfterStyle.Provider);
        return AzureError.RateLimited(RateLimitedMessage("call", wait)).WriteAsync(context.Response, cancellationToken);
    }

    public Task WriteContextTooLongAsync(HttpContext context, long requested, long capacity, CancellationToken cancellationToken)
        => ((IApiExchange)_openAi).WriteContextTooLongAsync(context, requested, capacity, cancellationToken);

    public Task<ResponseTimeline?> StreamAsync(HttpContext context, ResponseGenerator generator, CancellationToken cancellationToken)
        => StreamingResponder.SendAsync(context, request, this, generator, cancellationToken, AzureContentFilter.Fields);

    public ArrayBufferWriter<byte> BufferedBody(CompletionPlan plan, ReadOnlySpan<byte> text) => ChatCompletionBody.Build(request, plan, text, AzureContentFilter.Fields);

    /// <summary>Azure's wording (wire-formats.md §4): "call rate limit" for requests, "token rate limit" for tokens.</summary>
    private string RateLimitedMessage(string what, TimeSpan wait) => string.Create(
        CultureInfo.InvariantCulture,
        $"Requests to the ChatCompletions_Create Operation under Azure OpenAI API version {apiVersion} have exceeded {what} rate limit of your current OpenAI S0 pricing tier. Please retry after {Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds))} seconds. Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.");
}
