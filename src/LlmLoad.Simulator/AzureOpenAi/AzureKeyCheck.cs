using LlmLoad.Simulator.Hosting;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.AzureOpenAi;

/// <summary>Azure OpenAI's 401s: a resource key in <c>api-key</c>, or an Entra ID token as <c>Authorization: Bearer</c>.</summary>
internal static class AzureKeyCheck
{
    /// <param name="expectedKey">The key the server was given to expect; without one every request passes.</param>
    public static AzureError? Check(HttpRequest request, string? expectedKey)
    {
        if (expectedKey is null)
        {
            return null;
        }

        if (request.Headers["api-key"].ToString() is { Length: > 0 } apiKey)
        {
            return PresentedKey.Matches(apiKey, expectedKey) ? null : AzureError.InvalidKey;
        }

        var token = PresentedKey.Of(request);
        if (token is null)
        {
            return AzureError.MissingKey;
        }

        return PresentedKey.Matches(token, expectedKey) ? null : AzureError.InvalidToken;
    }
}
