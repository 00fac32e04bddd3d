using LlmLoad.Simulator.Hosting;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.ChatCompletions;

/// <summary>OpenAI's two 401s, in its words, shared by its APIs (chat completions, responses).</summary>
internal static class OpenAiKeyCheck
{
    /// <param name="expectedKey">The key the server was given to expect; without one every request passes.</param>
    public static ApiError? Check(HttpRequest request, string? expectedKey)
    {
        if (expectedKey is null)
        {
            return null;
        }

        var presented = PresentedKey.Of(request);
        if (presented is null)
        {
            return ApiError.Unauthorized("You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", null);
        }

        return PresentedKey.Matches(presented, expectedKey)
            ? null
            : ApiError.Unauthorized($"Incorrect API key provided: {PresentedKey.Masked(presented)}.", "invalid_api_key");
    }
}
