using System.Globalization;
using System.Text.Json;
using LlmLoad.Simulator.ChatCompletions;
using LlmLoad.Simulator.Serving.PrefixCaching;
using LlmLoad.Workload;

namespace LlmLoad.Simulator.GenerateContent;

/// <summary>
/// Reads a GenerateContentRequest body and rejects what the real API rejects, in its wording (field paths as
/// <c>contents[0].parts</c>), so a client bug shows up against the simulator and not first against a paid endpoint.
/// </summary>
internal static class GenerateContentRequestParser
{
    /// <param name="model">The model of the path.</param>
    /// <param name="stream">Whether the method was <c>streamGenerateContent</c>.</param>
    /// <param name="keyPrefix">Whether to key the prompt for the prefix cache (only when it is on: it costs a hash over the prompt).</param>
    public static async Task<(GenerateContentRequest? Request, GoogleError? Error)> ParseAsync(
        Stream body, string model, bool stream, bool keyPrefix, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return (null, GoogleError.InvalidArgument("Invalid JSON payload received. Unexpected token."));
        }

        using (document)
        {
            return Parse(document.RootElement, model, stream, keyPrefix);
        }
    }

    private static (GenerateContentRequest?, GoogleError?) Parse(JsonElement root, string model, bool stream, bool keyPrefix)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, GoogleError.InvalidArgument("Invalid JSON payload received. Expected an object."));
        }

        var promptTokens = 0;
        using var prefix = keyPrefix ? new PromptPrefixBuilder(model) : null;
        if (root.TryGetProperty("systemInstruction", out var system) || root.TryGetProperty("system_instruction", out system))
        {
            // Keyed as a leading system message, as the chat completions API carries it, so the APIs share a cached prompt.
            if (system.ValueKind != JsonValueKind.Object)
            {
                return (null, GoogleError.InvalidArgument("Invalid value at 'system_instruction' (type.googleapis.com/google.ai.generativelanguage.v1beta.Content): expected an object with parts"));
            }

            prefix?.StartMessage("system");
            if (CountParts(system, "system_instruction", ref promptTokens, prefix, required: false) is { } systemError)
            {
                return (null, systemError);
            }

            prefix?.EndMessage(promptTokens);
        }

        if (CountContents(root, ref promptTokens, prefix) is { } contentsError)
        {
            return (null, contentsError);
        }

        if (ReadMaxOutputTokens(root, out var maxOutputTokens) is { } maxError)
        {
            return (null, maxError);
        }

        if (ReadThinkingConfig(root, out var thinkingBudget, out var includeThoughts) is { } thinkingError)
        {
            return (null, thinkingError);
        }

        return (new GenerateContentRequest(model, promptTokens, maxOutputTokens, stream) { Prefix = prefix?.Build(), ThinkingBudget = thinkingBudget, IncludeThoughts = includeThoughts, Tools = GeminiToolsParser.Read(root) }, null);
    }

    private static GoogleError? CountContents(JsonElement root, ref int promptTokens, PromptPrefixBuilder? prefix)
    {
        if (!root.TryGetProperty("contents", out var contents) || contents.ValueKind == JsonValueKind.Null
            || (contents.ValueKind == JsonValueKind.Array && contents.GetArrayLength() == 0))
        {
            return GoogleError.InvalidArgument("* GenerateContentRequest.contents: contents is not specified\n");
        }

        if (contents.ValueKind != JsonValueKind.Array)
        {
            return GoogleError.InvalidArgument("Invalid value at 'contents' (type.googleapis.com/google.ai.generativelanguage.v1beta.Content): expected a list of Content objects");
        }

        var index = 0;
        foreach (var content in contents.EnumerateArray())
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"contents[{index}]");
            if (content.ValueKind != JsonValueKind.Object)
            {
                return GoogleError.InvalidArgument($"Invalid value at '{field}' (type.googleapis.com/google.ai.generativelanguage.v1beta.Content): expected an object with role and parts");
            }

            // The role may be left out (a single-turn request); when given it must be one of the two.
            var role = "user";
            if (content.TryGetProperty("role", out var roleElement) && roleElement.ValueKind != JsonValueKind.Null)
            {
                if (roleElement.ValueKind != JsonValueKind.String || !(roleElement.ValueEquals("user"u8) || roleElement.ValueEquals("model"u8)))
                {
                    return GoogleError.InvalidArgument("Please use a valid role: user, model.");
                }

                role = roleElement.GetString()!;
            }

            // Keyed under the chat roles, so a conversation cached through another API is the same prefix here.
            prefix?.StartMessage(role == "model" ? "assistant" : "user");
            if (CountParts(content, field, ref promptTokens, prefix, required: true) is { } partsError)
            {
                return partsError;
            }

            prefix?.EndMessage(promptTokens);
            index++;
        }

        return null;
    }

    /// <summary>Counts the <c>text</c> of each part; other parts (inline data, files, function results) count as zero.</summary>
    private static GoogleError? CountParts(JsonElement content, string field, ref int promptTokens, PromptPrefixBuilder? prefix, bool required)
    {
        if (!content.TryGetProperty("parts", out var parts) || parts.ValueKind == JsonValueKind.Null
            || (parts.ValueKind == JsonValueKind.Array && parts.GetArrayLength() == 0))
        {
            return required ? GoogleError.InvalidArgument($"* GenerateContentRequest.{field}.parts: contents.parts must not be empty.\n") : null;
        }

        if (parts.ValueKind != JsonValueKind.Array)
        {
            return GoogleError.InvalidArgument($"Invalid value at '{field}.parts' (type.googleapis.com/google.ai.generativelanguage.v1beta.Part): expected a list of Part objects");
        }

        var index = 0;
        foreach (var part in parts.EnumerateArray())
        {
            if (part.ValueKind != JsonValueKind.Object)
            {
                return GoogleError.InvalidArgument(string.Create(CultureInfo.InvariantCulture, $"Invalid value at '{field}.parts[{index}]' (type.googleapis.com/google.ai.generativelanguage.v1beta.Part): expected an object"));
            }

            if (part.TryGetProperty("text", out var text) && text.ValueKind != JsonValueKind.Null)
            {
                if (text.ValueKind != JsonValueKind.String)
                {
                    return GoogleError.InvalidArgument(string.Create(CultureInfo.InvariantCulture, $"Invalid value at '{field}.parts[{index}].text' (TYPE_STRING), {text.GetRawText()}"));
                }

                var value = text.GetString()!;
                prefix?.AddText(value);
                promptTokens += TokenCounter.Default.Count(value);
            }

            index++;
        }

        return null;
    }

    /// <summary><c>generationConfig.thinkingConfig</c>: <c>thinkingBudget</c> (0 turns thinking off, -1 or none is dynamic) and <c>includeThoughts</c>.</summary>
    private static GoogleError? ReadThinkingConfig(JsonElement root, out int? budget, out bool includeThoughts)
    {
        budget = null;
        includeThoughts = false;
        if (!(root.TryGetProperty("generationConfig", out var config) || root.TryGetProperty("generation_config", out config)) || config.ValueKind != JsonValueKind.Object
            || !(config.TryGetProperty("thinkingConfig", out var thinking) || config.TryGetProperty("thinking_config", out thinking)) || thinking.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (thinking.ValueKind != JsonValueKind.Object)
        {
            return GoogleError.InvalidArgument("Invalid value at 'generation_config.thinking_config' (type.googleapis.com/google.ai.generativelanguage.v1beta.ThinkingConfig): expected an object");
        }

        if ((thinking.TryGetProperty("thinkingBudget", out var element) || thinking.TryGetProperty("thinking_budget", out element)) && element.ValueKind != JsonValueKind.Null)
        {
            if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value) || value < -1)
            {
                return GoogleError.InvalidArgument($"Invalid value at 'generation_config.thinking_config.thinking_budget' (TYPE_INT32), {element.GetRawText()}");
            }

            budget = value;
        }

        if ((thinking.TryGetProperty("includeThoughts", out var include) || thinking.TryGetProperty("include_thoughts", out include)) && include.ValueKind != JsonValueKind.Null)
        {
            if (include.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return GoogleError.InvalidArgument($"Invalid value at 'generation_config.thinking_config.include_thoughts' (TYPE_BOOL), {include.GetRawText()}");
            }

            includeThoughts = include.GetBoolean();
        }

        return null;
    }

    private static GoogleError? ReadMaxOutputTokens(JsonElement root, out int? maxOutputTokens)
    {
        maxOutputTokens = null;
        if (!(root.TryGetProperty("generationConfig", out var config) || root.TryGetProperty("generation_config", out config)) || config.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (config.ValueKind != JsonValueKind.Object)
        {
            return GoogleError.InvalidArgument("Invalid value at 'generation_config' (type.googleapis.com/google.ai.generativelanguage.v1beta.GenerationConfig): expected an object");
        }

        if (!(config.TryGetProperty("maxOutputTokens", out var element) || config.TryGetProperty("max_output_tokens", out element)) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var number))
        {
            return GoogleError.InvalidArgument($"Invalid value at 'generation_config.max_output_tokens' (TYPE_INT32), {element.GetRawText()}");
        }

        if (number < 0 || number > ChatRequestParser.MaxTokensLimit)
        {
            return GoogleError.InvalidArgument(string.Create(
                CultureInfo.InvariantCulture,
                $"Unable to submit request because it has a maxOutputTokens value of {number} but the supported range is from 1 (inclusive) to {ChatRequestParser.MaxTokensLimit + 1} (exclusive). Update the value and try again."));
        }

        // proto3 cannot tell 0 from a field left out: both mean the model's default.
        maxOutputTokens = number == 0 ? null : (int)number;
        return null;
    }
}
