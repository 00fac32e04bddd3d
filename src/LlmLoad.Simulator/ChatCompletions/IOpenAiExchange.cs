using LlmLoad.Simulator.RateLimiting;
using LlmLoad.Simulator.Serving;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.ChatCompletions;

/// <summary>
/// An exchange of one of OpenAI's APIs (chat completions, Responses, legacy completions, embeddings): they
/// admit, limit and refuse alike (<see cref="OpenAiAdmission"/>), and differ only in their answers.
/// </summary>
internal interface IOpenAiExchange : IApiExchange
{
    /// <summary>OpenAI counts a request's prompt and its max output against one token bucket at admission.</summary>
    RateLimitDecision IApiExchange.AdmitRateLimits(RateLimiter limiter) => limiter.AdmitOpenAi(PromptTokens, OutputTokens);

    void IApiExchange.WriteRateLimitHeaders(HttpResponse response, RateLimitDecision decision) => OpenAiAdmission.WriteRateLimitHeaders(response, decision);

    Task IApiExchange.WriteRateLimitedAsync(HttpContext context, RateLimitDecision decision, CancellationToken cancellationToken)
        => OpenAiAdmission.WriteRateLimitedAsync(context, decision, Model, cancellationToken);

    Task IApiExchange.WriteStatusAsync(HttpContext context, int status, CancellationToken cancellationToken) => OpenAiAdmission.WriteStatusAsync(context, status, cancellationToken);

    Task IApiExchange.WriteContextTooLongAsync(HttpContext context, long requested, long capacity, CancellationToken cancellationToken)
        => ApiError.ContextTooLong(requested, capacity).WriteAsync(context.Response, cancellationToken);
}
