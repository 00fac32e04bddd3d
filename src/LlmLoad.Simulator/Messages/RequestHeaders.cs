using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace LlmLoad.Simulator.Messages;

/// <summary>
/// The header checks the real API makes before it reads the body. Any non-empty key is accepted: the
/// simulator is not a credential store, but a client that forgets to send one must fail here first.
/// </summary>
internal static class RequestHeaders
{
    public static AnthropicError? Check(HttpRequest request)
    {
        if (!HasCredential(request))
        {
            return AnthropicError.Authentication("x-api-key header is required");
        }

        return string.IsNullOrEmpty(request.Headers["anthropic-version"])
            ? AnthropicError.InvalidRequest("anthropic-version: header is required")
            : null;
    }

    /// <summary>
    /// <c>x-api-key</c>, or a bearer token: the official .NET SDK (13.x) sends its <c>ApiKey</c> as
    /// <c>Authorization: Bearer</c>, and it must work against the simulator unchanged.
    /// </summary>
    private static bool HasCredential(HttpRequest request)
    {
        if (!string.IsNullOrEmpty(request.Headers["x-api-key"]))
        {
            return true;
        }

        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(authorization["Bearer ".Length..]);
    }
}
