using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace LlmLoad.Simulator.Hosting;

/// <summary>The API key a request carries, from <c>x-api-key</c> or a bearer token, and how to name it without revealing it.</summary>
internal static class PresentedKey
{
    public static string? Of(HttpRequest request)
    {
        if (request.Headers["x-api-key"].ToString() is { Length: > 0 } apiKey)
        {
            return apiKey;
        }

        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization["Bearer ".Length..].Trim() is { Length: > 0 } token
            ? token
            : null;
    }

    /// <summary>
    /// The key a per-key limit counts against, in whichever header the request's API carries it: <c>x-api-key</c> or a bearer
    /// token, Azure's <c>api-key</c>, Gemini's <c>x-goog-api-key</c> or <c>?key=</c>. Null when there is none.
    /// </summary>
    public static string? ForLimits(HttpRequest request)
        => Of(request)
           ?? (request.Headers["api-key"].ToString() is { Length: > 0 } azure ? azure : null)
           ?? (request.Headers["x-goog-api-key"].ToString() is { Length: > 0 } google ? google : null)
           ?? (request.Query["key"].ToString() is { Length: > 0 } query ? query : null);

    /// <summary>Shows the start and end of a key only, as the real APIs do in their 401 messages.</summary>
    public static string Masked(string key) => key.Length < 12 ? "***" : $"{key[..3]}***{key[^4..]}";

    public static bool Matches(string? presented, string expected)
        => presented is not null && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(presented), System.Text.Encoding.UTF8.GetBytes(expected));
}
