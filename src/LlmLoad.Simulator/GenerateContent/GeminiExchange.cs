using System.Buffers;
using System.Globalization;
using System.Text.Json;
using LlmLoad.Simulator.Generation;
using LlmLoad.Simulator.RateLimiting;
using LlmLoad.Simulator.Serving;
using LlmLoad.Simulator.Serving.PrefixCaching;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.GenerateContent;

/// <summary>
/// A generateContent request and how Gemini answers it: no rate-limit headers (the API sends none), a 429
/// whose wait is a <c>google.rpc.RetryInfo</c> in the body rather than a <c>retry-after</c> header, Google's
/// error envelope, its SSE chunks.
/// </summary>
internal sealed class GeminiExchange(GenerateContentRequest request, int defaultMaxTokens) : IApiExchange
{
    public string Model => request.Model;

    public int PromptTokens => request.PromptTokens;

    public PromptPrefix? Prefix => request.Prefix;

    public int OutputTokens => request.MaxOutputTokens ?? defaultMaxTokens;

    public bool Stream => request.Stream;

    /// <summary>A thinking model thinks unless <c>thinkingBudget</c> is 0, within the budget when one is set; <c>maxOutputTokens</c> covers thoughts and answer.</summary>
    public OfferedTools Tools => request.Tools;

    public int ReasoningBudget => request.ThinkingBudget is { } budget and >= 0 ? budget : int.MaxValue;

    public string FinishedReason => request.MaxOutputTokens is null ? "stop" : "length";

    /// <summary>Gemini's response ids have no prefix: 24 letters and digits.</summary>
    public string IdPrefix => "";

    public ReadOnlyMemory<byte> ErrorEvent { get; } =
        "data: {\"error\": {\"code\": 500,\"message\": \"An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting\",\"status\": \"INTERNAL\"}}\r\n\r\n"u8.ToArray();

    public ReadOnlyMemory<byte> MalformedEvent { get; } =
        "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \r\n\r\n"u8.ToArray();

    /// <summary>Gemini's per-minute limits count requests and input tokens (its TPM is input only): the request bucket and the token bucket, charged the prompt.</summary>
    public RateLimitDecision AdmitRateLimits(RateLimiter limiter) => limiter.AdmitOpenAi(PromptTokens, maxOutputTokens: 0);

    /// <summary>The live API reports no limits or remaining counts in headers.</summary>
    public void WriteRateLimitHeaders(HttpResponse response, RateLimitDecision decision)
    {
    }

    public Task WriteRateLimitedAsync(HttpContext context, RateLimitDecision decision, CancellationToken cancellationToken)
    {
        var exceeded = decision.Exceeded!.Value;
        if (decision.RetryAfter is { } chosenWait)
        {
            RetryAfterHeaders.WriteNone(context.Response, chosenWait, decision.RetryAfterStyle);
        }

        if (exceeded.Kind == RateLimitKind.Concurrency)
        {
            // Gemini documents no concurrency cap: RESOURCE_EXHAUSTED in its envelope, saying which.
            return new GoogleError(StatusCodes.Status429TooManyRequests, "RESOURCE_EXHAUSTED", string.Create(CultureInfo.InvariantCulture, $"Too many concurrent requests for this API key: limit {exceeded.Limit} in flight. Please retry when one of your requests has finished."), null)
                .WriteAsync(context.Response, cancellationToken);
        }

        var isRequests = exceeded.Kind == RateLimitKind.Requests;
        var metric = isRequests ? "generate_content_paid_tier_requests" : "generate_content_paid_tier_input_token_count";
        var quotaId = isRequests ? "GenerateRequestsPerMinutePerProjectPerModel" : "GenerateContentPaidTierInputTokensPerModelPerMinute";
        var wait = decision.RetryAfter is { } retryAfter ? (long)Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds)) : (long?)null;
        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.\n* Quota exceeded for metric: generativelanguage.googleapis.com/{metric}, limit: {exceeded.Limit}, model: {Model}");
        if (wait is { } seconds)
        {
            message += string.Create(CultureInfo.InvariantCulture, $"\nPlease retry in {seconds}s.");
        }

        var error = new GoogleError(StatusCodes.Status429TooManyRequests, "RESOURCE_EXHAUSTED", message, json =>
        {
            json.WriteStartObject();
            json.WriteString("@type", "type.googleapis.com/google.rpc.QuotaFailure");
            json.WriteStartArray("violations");
            json.WriteStartObject();
            json.WriteString("quotaMetric", "generativelanguage.googleapis.com/" + metric);
            json.WriteString("quotaId", quotaId);
            json.WriteStartObject("quotaDimensions");
            json.WriteString("location", "global");
            json.WriteString("model", Model);
            json.WriteEndObject();
            json.WriteString("quotaValue", exceeded.Limit.ToString(CultureInfo.InvariantCulture));
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            WriteHelp(json);
            if (wait is { } delay)
            {
                // A google.protobuf.Duration in JSON: seconds with an "s", whole seconds rounded up so a client that obeys it is never early.
                json.WriteStartObject();
                json.WriteString("@type", "type.googleapis.com/google.rpc.RetryInfo");
                json.WriteString("retryDelay", delay.ToString(CultureInfo.InvariantCulture) + "s");
                json.WriteEndObject();
            }
        });
        return error.WriteAsync(context.Response, cancellationToken);
    }

    public Task WriteStatusAsync(HttpContext context, int status, CancellationToken cancellationToken)
        => GoogleError.ForStatus(status).WriteAsync(context.Response, cancellationToken);

    public Task WriteContextTooLongAsync(HttpContext context, long requested, long capacity, CancellationToken cancellationToken)
        => GoogleError.ContextTooLong(requested, capacity).WriteAsync(context.Response, cancellationToken);

    public Task<ResponseTimeline?> StreamAsync(HttpContext context, ResponseGenerator generator, CancellationToken cancellationToken)
        => GenerateContentStreamingResponder.SendAsync(context, request, this, generator, cancellationToken);

    public ArrayBufferWriter<byte> BufferedBody(CompletionPlan plan, ReadOnlySpan<byte> text) => GenerateContentBody.Build(request, plan, default, text);

    public ArrayBufferWriter<byte> BufferedBody(CompletionPlan plan, ReadOnlySpan<byte> reasoning, ReadOnlySpan<byte> answer) => GenerateContentBody.Build(request, plan, reasoning, answer);

    private static void WriteHelp(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("@type", "type.googleapis.com/google.rpc.Help");
        json.WriteStartArray("links");
        json.WriteStartObject();
        json.WriteString("description", "Learn more about Gemini API quotas");
        json.WriteString("url", "https://ai.google.dev/gemini-api/docs/rate-limits");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
