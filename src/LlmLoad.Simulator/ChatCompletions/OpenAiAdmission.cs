using System.Globalization;
using LlmLoad.Simulator.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.ChatCompletions;

/// <summary>
/// How OpenAI answers at admission, the same for all its APIs (chat completions, responses): the
/// <c>x-ratelimit-*</c> headers, a 429 in its words with <c>retry-after</c>, and the answer to an overloaded or failing server.
/// </summary>
internal static class OpenAiAdmission
{
    public static void WriteRateLimitHeaders(HttpResponse response, RateLimitDecision decision)
    {
        foreach (var state in decision.States)
        {
            var name = state.Kind == RateLimitKind.Requests ? "requests" : "tokens";
            response.Headers["x-ratelimit-limit-" + name] = state.Limit.ToString(CultureInfo.InvariantCulture);
            response.Headers["x-ratelimit-remaining-" + name] = state.Remaining.ToString(CultureInfo.InvariantCulture);
            response.Headers["x-ratelimit-reset-" + name] = GoDuration.Format(state.ResetIn);
        }
    }

    public static Task WriteRateLimitedAsync(HttpContext context, RateLimitDecision decision, string model, CancellationToken cancellationToken)
    {
        var exceeded = decision.Exceeded!.Value;
        if (exceeded.Kind == RateLimitKind.Concurrency)
        {
            // OpenAI documents no concurrency cap; this says what it is in its envelope, with a type of its own.
            RetryAfterHeaders.Write(context.Response, decision.RetryAfter!.Value, decision.RetryAfterStyle);
            return ApiError.RateLimited(
                string.Create(CultureInfo.InvariantCulture, $"Too many concurrent requests for {model} in organization org-llmload-simulator: Limit {exceeded.Limit} in flight per API key. Please try again when one of your requests has finished."),
                "concurrent_requests").WriteAsync(context.Response, cancellationToken);
        }

        var isRequests = exceeded.Kind == RateLimitKind.Requests;
        var what = isRequests ? "requests per min (RPM)" : "tokens per min (TPM)";
        string message;
        if (decision.RetryAfter is { } retryAfter)
        {
            RetryAfterHeaders.Write(context.Response, retryAfter, decision.RetryAfterStyle);
            message = string.Create(
                CultureInfo.InvariantCulture,
                $"Rate limit reached for {model} in organization org-llmload-simulator on {what}: Limit {exceeded.Limit}, Used {exceeded.Limit - exceeded.Remaining}, Requested {decision.Requested}. Please try again in {GoDuration.Format(retryAfter)}. Visit https://platform.openai.com/account/rate-limits to learn more.");
        }
        else
        {
            message = string.Create(
                CultureInfo.InvariantCulture,
                $"Request too large for {model} in organization org-llmload-simulator on {what}: Limit {exceeded.Limit}, Requested {decision.Requested}. The input or output tokens must be reduced in order to run successfully.");
        }

        return ApiError.RateLimited(message, isRequests ? "requests" : "tokens").WriteAsync(context.Response, cancellationToken);
    }

    /// <summary>An error answer by status alone: an injected fault or a full queue.</summary>
    public static Task WriteStatusAsync(HttpContext context, int status, CancellationToken cancellationToken)
    {
        if (status == StatusCodes.Status429TooManyRequests)
        {
            RetryAfterHeaders.Write(context.Response, TimeSpan.FromSeconds(1), RetryAfterStyle.Provider);
        }

        return ApiError.ForStatus(status).WriteAsync(context.Response, cancellationToken);
    }
}
