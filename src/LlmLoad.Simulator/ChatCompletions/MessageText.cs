using System.Globalization;
using System.Text.Json;
using LlmLoad.Workload;

namespace LlmLoad.Simulator.ChatCompletions;

/// <summary>
/// Validates <c>messages</c> and counts the prompt tokens of their text: a string <c>content</c>, or the
/// <c>text</c> of each <c>{"type":"text"}</c> part. Other parts (images, audio) count as zero, and no
/// chat-template overhead is added, so <c>prompt_tokens</c> is exactly the tokenizer count of the text.
/// </summary>
internal static class MessageText
{
    public static ApiError? CountTokens(JsonElement root, out int promptTokens)
    {
        promptTokens = 0;
        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind == JsonValueKind.Null)
        {
            return ApiError.BadRequest("Missing required parameter: 'messages'.", "messages", "missing_required_parameter");
        }

        if (messages.ValueKind != JsonValueKind.Array)
        {
            return ApiError.BadRequest($"Invalid type for 'messages': expected an array of objects, but got {ChatRequestParser.JsonTypeName(messages)} instead.", "messages", "invalid_type");
        }

        if (messages.GetArrayLength() == 0)
        {
            return ApiError.BadRequest("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", "messages", "empty_array");
        }

        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var param = string.Create(CultureInfo.InvariantCulture, $"messages[{index}]");
            if (message.ValueKind != JsonValueKind.Object)
            {
                return ApiError.BadRequest($"Invalid type for '{param}': expected an object, but got {ChatRequestParser.JsonTypeName(message)} instead.", param, "invalid_type");
            }

            if (message.TryGetProperty("content", out var content) && CountContent(content, param + ".content", ref promptTokens) is { } error)
            {
                return error;
            }

            index++;
        }

        return null;
    }

    private static ApiError? CountContent(JsonElement content, string param, ref int promptTokens)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                promptTokens += TokenCounter.Default.Count(content.GetString()!);
                return null;
            case JsonValueKind.Array:
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind == JsonValueKind.Object
                        && part.TryGetProperty("type", out var type) && type.ValueEquals("text"u8)
                        && part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
                    {
                        promptTokens += TokenCounter.Default.Count(text.GetString()!);
                    }
                }

                return null;
            default:
                return ApiError.BadRequest($"Invalid type for '{param}': expected one of a string or array of objects, but got {ChatRequestParser.JsonTypeName(content)} instead.", param, "invalid_type");
        }
    }
}
