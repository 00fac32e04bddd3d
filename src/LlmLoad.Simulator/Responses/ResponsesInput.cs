using System.Globalization;
using System.Text.Json;
using LlmLoad.Simulator.ChatCompletions;
using LlmLoad.Simulator.Serving.PrefixCaching;
using LlmLoad.Workload;

namespace LlmLoad.Simulator.Responses;

/// <summary>
/// Validates <c>instructions</c> and <c>input</c> and counts the prompt tokens of their text, with OpenAI's
/// error messages. <c>input</c> is a string (one user message) or a list of items: messages whose content is
/// a string or parts (<c>input_text</c>, <c>output_text</c>: their <c>text</c> counts; images and files count
/// zero), and tool calls and their outputs (arguments and output count). With a <see cref="PromptPrefixBuilder"/>
/// each message is also keyed for the prefix cache, <c>instructions</c> as a leading system message, so a
/// prompt cached through chat completions is cached here too.
/// </summary>
internal static class ResponsesInput
{
    public static ApiError? CountTokens(JsonElement root, out int promptTokens, out string? instructions, PromptPrefixBuilder? prefix)
    {
        promptTokens = 0;
        instructions = null;
        if (root.TryGetProperty("instructions", out var instructionsElement) && instructionsElement.ValueKind != JsonValueKind.Null)
        {
            if (instructionsElement.ValueKind != JsonValueKind.String)
            {
                return InvalidType("instructions", "a string", instructionsElement);
            }

            instructions = instructionsElement.GetString()!;
            AddMessage("system", instructions, ref promptTokens, prefix);
        }

        if (!root.TryGetProperty("input", out var input) || input.ValueKind == JsonValueKind.Null)
        {
            return ApiError.BadRequest("Missing required parameter: 'input'.", "input", "missing_required_parameter");
        }

        switch (input.ValueKind)
        {
            case JsonValueKind.String:
                AddMessage("user", input.GetString()!, ref promptTokens, prefix);
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in input.EnumerateArray())
                {
                    if (CountItem(item, string.Create(CultureInfo.InvariantCulture, $"input[{index}]"), ref promptTokens, prefix) is { } error)
                    {
                        return error;
                    }

                    index++;
                }

                return null;
            default:
                return InvalidType("input", "one of a string or array of input items", input);
        }
    }

    private static ApiError? CountItem(JsonElement item, string param, ref int promptTokens, PromptPrefixBuilder? prefix)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return InvalidType(param, "an object", item);
        }

        var type = item.TryGetProperty("type", out var typeElement) && typeElement.ValueKind == JsonValueKind.String ? typeElement.GetString() : "message";
        switch (type)
        {
            case "message":
                return CountMessage(item, param, ref promptTokens, prefix);
            case "function_call":
                AddStringProperty(item, "arguments", "assistant", ref promptTokens, prefix);
                return null;
            case "function_call_output":
                AddStringProperty(item, "output", "tool", ref promptTokens, prefix);
                return null;
            default:
                // Reasoning items, item references and the like carry no prompt text the simulator counts.
                return null;
        }
    }

    private static ApiError? CountMessage(JsonElement message, string param, ref int promptTokens, PromptPrefixBuilder? prefix)
    {
        if (!message.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String)
        {
            return ApiError.BadRequest($"Missing required parameter: '{param}.role'.", param + ".role", "missing_required_parameter");
        }

        if (role.GetString() is not ("user" or "assistant" or "system" or "developer"))
        {
            return ApiError.BadRequest($"Invalid value: '{role.GetString()}'. Supported values are: 'user', 'assistant', 'system', and 'developer'.", param + ".role", "invalid_value");
        }

        if (!message.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null)
        {
            return ApiError.BadRequest($"Missing required parameter: '{param}.content'.", param + ".content", "missing_required_parameter");
        }

        prefix?.StartMessage(role.GetString()!);
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                promptTokens += Count(content.GetString()!, prefix);
                break;
            case JsonValueKind.Array:
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
                    {
                        promptTokens += Count(text.GetString()!, prefix);
                    }
                }

                break;
            default:
                return InvalidType(param + ".content", "one of a string or array of input content items", content);
        }

        prefix?.EndMessage(promptTokens);
        return null;
    }

    private static void AddStringProperty(JsonElement item, string name, string role, ref int promptTokens, PromptPrefixBuilder? prefix)
    {
        if (item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
        {
            AddMessage(role, value.GetString()!, ref promptTokens, prefix);
        }
    }

    private static void AddMessage(string role, string text, ref int promptTokens, PromptPrefixBuilder? prefix)
    {
        prefix?.StartMessage(role);
        promptTokens += Count(text, prefix);
        prefix?.EndMessage(promptTokens);
    }

    private static int Count(string text, PromptPrefixBuilder? prefix)
    {
        prefix?.AddText(text);
        return TokenCounter.Default.Count(text);
    }

    private static ApiError InvalidType(string param, string expected, JsonElement got)
        => ApiError.BadRequest($"Invalid type for '{param}': expected {expected}, but got {ChatRequestParser.JsonTypeName(got)} instead.", param, "invalid_type");
}
