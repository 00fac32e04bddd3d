using System.Globalization;
using System.Text.Json;
using LlmLoad.Simulator.ChatCompletions;
using LlmLoad.Simulator.Generation;
using LlmLoad.Simulator.Serving.PrefixCaching;

namespace LlmLoad.Simulator.Messages;

/// <summary>
/// Reads a Messages API body and rejects what the real API rejects, in its <c>field: problem</c> wording,
/// so a client bug shows up against the simulator and not first against a paid endpoint.
/// </summary>
internal static class MessagesRequestParser
{
    /// <param name="keyPrefix">Whether to key <c>system</c> and the messages for the prefix cache (only when it is on: it costs a hash over the prompt).</param>
    public static async Task<(MessagesRequest? Request, AnthropicError? Error)> ParseAsync(Stream body, bool keyPrefix, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return (null, AnthropicError.InvalidRequest("There was an error parsing the body of your request: it is not valid JSON."));
        }

        using (document)
        {
            return Parse(document.RootElement, keyPrefix);
        }
    }

    private static (MessagesRequest?, AnthropicError?) Parse(JsonElement root, bool keyPrefix)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, AnthropicError.InvalidRequest("Input should be a valid dictionary"));
        }

        if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String)
        {
            return (null, AnthropicError.InvalidRequest(model.ValueKind == JsonValueKind.Undefined ? "model: Field required" : "model: Input should be a valid string"));
        }

        if (ReadMaxTokens(root, model.GetString()!, out var maxTokens) is { } maxTokensError)
        {
            return (null, maxTokensError);
        }

        var promptTokens = 0;
        using var prefix = keyPrefix ? new PromptPrefixBuilder(model.GetString()!) : null;
        if (root.TryGetProperty("system", out var system))
        {
            // Keyed as a leading system message, as the chat completions API carries it, so both APIs share a cached prompt.
            var systemPrefix = system.ValueKind == JsonValueKind.Null ? null : prefix;
            systemPrefix?.StartMessage("system");
            if (!ContentTokens.TryAdd(system, ref promptTokens, systemPrefix))
            {
                return (null, AnthropicError.InvalidRequest("system: Input should be a valid string or a list of text blocks"));
            }

            systemPrefix?.EndMessage(promptTokens);
        }

        if (CountMessages(root, ref promptTokens, prefix) is { } messagesError)
        {
            return (null, messagesError);
        }

        var stream = false;
        if (root.TryGetProperty("stream", out var streamElement) && streamElement.ValueKind != JsonValueKind.Null)
        {
            if (streamElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return (null, AnthropicError.InvalidRequest("stream: Input should be a valid boolean"));
            }

            stream = streamElement.GetBoolean();
        }

        if (ThinkingParser.Read(root, maxTokens, out var thinkingBudget) is { } thinkingError)
        {
            return (null, thinkingError);
        }

        return (new MessagesRequest(model.GetString()!, promptTokens, maxTokens, stream) { Prefix = prefix?.Build(), ThinkingBudget = thinkingBudget, Tools = AnthropicToolsParser.Read(root) }, null);
    }

    private static AnthropicError? ReadMaxTokens(JsonElement root, string model, out int maxTokens)
    {
        maxTokens = 0;
        if (!root.TryGetProperty("max_tokens", out var element))
        {
            return AnthropicError.InvalidRequest("max_tokens: Field required");
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var number))
        {
            return AnthropicError.InvalidRequest("max_tokens: Input should be a valid integer");
        }

        if (number < 1)
        {
            return AnthropicError.InvalidRequest("max_tokens: Input should be greater than or equal to 1");
        }

        if (number > ChatRequestParser.MaxTokensLimit)
        {
            return AnthropicError.InvalidRequest(string.Create(
                CultureInfo.InvariantCulture,
                $"max_tokens: {number} > {ChatRequestParser.MaxTokensLimit}, which is the maximum allowed number of output tokens for {model}"));
        }

        maxTokens = (int)number;
        return null;
    }

    private static AnthropicError? CountMessages(JsonElement root, ref int promptTokens, PromptPrefixBuilder? prefix)
    {
        if (!root.TryGetProperty("messages", out var messages))
        {
            return AnthropicError.InvalidRequest("messages: Field required");
        }

        if (messages.ValueKind != JsonValueKind.Array)
        {
            return AnthropicError.InvalidRequest("messages: Input should be a valid list");
        }

        if (messages.GetArrayLength() == 0)
        {
            return AnthropicError.InvalidRequest("messages: at least one message is required");
        }

        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"messages.{index}");
            if (message.ValueKind != JsonValueKind.Object)
            {
                return AnthropicError.InvalidRequest($"{field}: Input should be a valid dictionary");
            }

            if (!message.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String || !(role.ValueEquals("user"u8) || role.ValueEquals("assistant"u8)))
            {
                return AnthropicError.InvalidRequest($"{field}.role: Input should be 'user' or 'assistant'");
            }

            if (!message.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null)
            {
                return AnthropicError.InvalidRequest($"{field}.content: Field required");
            }

            prefix?.StartMessage(role.GetString()!);
            if (!ContentTokens.TryAdd(content, ref promptTokens, prefix))
            {
                return AnthropicError.InvalidRequest($"{field}.content: Input should be a valid string or a list of content blocks");
            }

            prefix?.EndMessage(promptTokens);

            index++;
        }

        return null;
    }
}
