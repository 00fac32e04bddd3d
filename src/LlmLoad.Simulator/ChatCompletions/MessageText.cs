using System.Globalization;
using System.Text.Json;
using LlmLoad.Simulator.Generation;
using LlmLoad.Simulator.Serving.PrefixCaching;

namespace LlmLoad.Simulator.ChatCompletions;

/// <summary>
/// Validates <c>messages</c> and counts the prompt tokens of their text (see <see cref="ContentTokens"/>),
/// with OpenAI's error messages; with a <see cref="PromptPrefixBuilder"/>, also keys each message for the prefix cache.
/// </summary>
internal static class MessageText
{
    public static ApiError? CountTokens(JsonElement root, out int promptTokens, PromptPrefixBuilder? prefix = null)
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

            prefix?.StartMessage(message.TryGetProperty("role", out var role) && role.ValueKind == JsonValueKind.String ? role.GetString()! : "");
            if (message.TryGetProperty("content", out var content) && CountContent(content, param + ".content", ref promptTokens, prefix) is { } error)
            {
                return error;
            }

            prefix?.EndMessage(promptTokens);

            index++;
        }

        return null;
    }

    private static ApiError? CountContent(JsonElement content, string param, ref int promptTokens, PromptPrefixBuilder? prefix)
        => ContentTokens.TryAdd(content, ref promptTokens, prefix)
            ? null
            : ApiError.BadRequest($"Invalid type for '{param}': expected one of a string or array of objects, but got {ChatRequestParser.JsonTypeName(content)} instead.", param, "invalid_type");
}
