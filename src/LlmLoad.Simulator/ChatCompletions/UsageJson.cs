using System.Globalization;

namespace LlmLoad.Simulator.ChatCompletions;

/// <summary>The <c>usage</c> object with the detail fields the real API always includes.</summary>
internal static class UsageJson
{
    /// <param name="cachedTokens">Prompt tokens served from the prompt cache: part of <paramref name="promptTokens"/>, not on top of it.</param>
    /// <param name="reasoningTokens">Reasoning tokens: part of <paramref name="completionTokens"/>, as OpenAI bills them.</param>
    public static string Format(int promptTokens, int completionTokens, int cachedTokens, int reasoningTokens = 0) => string.Create(
        CultureInfo.InvariantCulture,
        $$$"""{"prompt_tokens":{{{promptTokens}}},"completion_tokens":{{{completionTokens}}},"total_tokens":{{{promptTokens + completionTokens}}},"prompt_tokens_details":{"cached_tokens":{{{cachedTokens}}},"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":{{{reasoningTokens}}},"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}""");
}
