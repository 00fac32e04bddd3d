using System.Text.Json;
using LlmLoad.Simulator.Serving.PrefixCaching;
using LlmLoad.Workload;

namespace LlmLoad.Simulator.Generation;

/// <summary>
/// Counts the prompt tokens of a message <c>content</c> (or Anthropic <c>system</c>): a string, or the
/// <c>text</c> of each <c>{"type":"text"}</c> block. Other blocks (images, audio, tool results) count as
/// zero and no chat-template overhead is added, so the usage is exactly the tokenizer count of the text.
/// </summary>
internal static class ContentTokens
{
    /// <param name="prefix">When the prefix cache is on: receives each counted text, so it keys exactly what was counted.</param>
    /// <returns>False when the content is neither null, a string nor an array: the caller words the error.</returns>
    public static bool TryAdd(JsonElement content, ref int promptTokens, PromptPrefixBuilder? prefix = null)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.Null:
                return true;
            case JsonValueKind.String:
                promptTokens += Count(content.GetString()!, prefix);
                return true;
            case JsonValueKind.Array:
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind == JsonValueKind.Object
                        && part.TryGetProperty("type", out var type) && type.ValueEquals("text"u8)
                        && part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
                    {
                        promptTokens += Count(text.GetString()!, prefix);
                    }
                }

                return true;
            default:
                return false;
        }
    }

    private static int Count(string text, PromptPrefixBuilder? prefix)
    {
        prefix?.AddText(text);
        return TokenCounter.Default.Count(text);
    }
}
