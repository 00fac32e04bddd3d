using LlmLoad.Simulator.Hosting;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.Messages;

/// <summary>
/// The header checks the real API makes before it reads the body. Without a configured key any
/// non-empty one is accepted, but a client that forgets to send one must fail here first.
/// </summary>
internal static class RequestHeaders
{
    /// <param name="expectedKey">The key the server requires, or null to accept any non-empty one.</param>
    public static AnthropicError? Check(HttpRequest request, string? expectedKey)
    {
        // x-api-key, or a bearer token: the official .NET SDK (13.x) sends its ApiKey as
        // Authorization: Bearer, and it must work against the simulator unchanged.
        var presented = PresentedKey.Of(request);
        if (presented is null)
        {
            return AnthropicError.Authentication("x-api-key header is required");
        }

        if (expectedKey is not null && !PresentedKey.Matches(presented, expectedKey))
        {
            return AnthropicError.Authentication("invalid x-api-key");
        }

        return string.IsNullOrEmpty(request.Headers["anthropic-version"])
            ? AnthropicError.InvalidRequest("anthropic-version: header is required")
            : null;
    }
}
