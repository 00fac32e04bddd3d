using System.Globalization;

namespace LlmLoad.Simulator.ChatCompletions;

/// <summary>The <c>usage</c> object with the detail fields the real API always includes.</summary>
internal static class UsageJson
{
    /// <param name="cachedTokens">Prompt tokens served from the prompt cache: part of <paramref name="promptTokens"/>, not on top of it.</param>
    public static string Format(int promptTokens, int completionTokens, int cachedTokens) => string.Create(
        CultureInfo.InvariantCulture,
        $$$"""{"prompt_tokens":{{{promptTokens}}},"completion_tokens":{{{completionTokens}}},"total_tokens":{{{promptTokens + completionTokens}}},"prompt_tokens_details":{"cached_tokens":{{{cachedTokens}}},"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}""");
}
