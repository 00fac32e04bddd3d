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

    /// <summary>Shows the start and end of a key only, as the real APIs do in their 401 messages.</summary>
    public static string Masked(string key) => key.Length < 12 ? "***" : $"{key[..3]}***{key[^4..]}";

    public static bool Matches(string? presented, string expected)
        => presented is not null && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(presented), System.Text.Encoding.UTF8.GetBytes(expected));
}
