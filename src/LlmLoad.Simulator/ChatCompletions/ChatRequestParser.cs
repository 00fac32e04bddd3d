using System.Text.Json;
using LlmLoad.Simulator.Serving.PrefixCaching;

namespace LlmLoad.Simulator.ChatCompletions;

/// <summary>
/// Reads a chat completions request body and rejects what the real API rejects, with its messages,
/// so a client bug shows up against the simulator and not first against a paid endpoint.
/// </summary>
internal static class ChatRequestParser
{
    public const int MaxTokensLimit = 1_000_000;

    internal const string MalformedJson =
        "We could not parse the JSON body of your request. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.";

    /// <param name="keyPrefix">Whether to key the messages for the prefix cache (only when it is on: it costs a hash over the prompt).</param>
    /// <param name="deployment">The model named by the URL (Azure's <c>/openai/deployments/{deployment}</c>), which then needs none in the body.</param>
    public static async Task<(ChatCompletionRequest? Request, ApiError? Error)> ParseAsync(Stream body, bool keyPrefix, CancellationToken cancellationToken, string? deployment = null)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return (null, ApiError.BadRequest(MalformedJson));
        }

        using (document)
        {
            return Parse(document.RootElement, keyPrefix, deployment);
        }
    }

    private static (ChatCompletionRequest?, ApiError?) Parse(JsonElement root, bool keyPrefix, string? deployment)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, ApiError.BadRequest(MalformedJson));
        }

        var model = deployment;
        if (model is null)
        {
            if (!root.TryGetProperty("model", out var modelElement) || modelElement.ValueKind != JsonValueKind.String)
            {
                return (null, ApiError.BadRequest("you must provide a model parameter"));
            }

            model = modelElement.GetString()!;
        }

        using var prefix = keyPrefix ? new PromptPrefixBuilder(model) : null;
        if (MessageText.CountTokens(root, out var promptTokens, prefix) is { } messagesError)
        {
            return (null, messagesError);
        }

        if (ReadMaxTokens(root, "max_completion_tokens", out var maxCompletionTokens) is { } e1)
        {
            return (null, e1);
        }

        if (ReadMaxTokens(root, "max_tokens", out var maxTokens) is { } e2)
        {
            return (null, e2);
        }

        if (ReadStreamFlags(root, out var stream, out var includeUsage) is { } e3)
        {
            return (null, e3);
        }

        return (new ChatCompletionRequest(model, promptTokens, maxCompletionTokens ?? maxTokens, stream, includeUsage) { Prefix = prefix?.Build(), Tools = OpenAiToolsParser.Read(root, nested: true) }, null);
    }

    internal static ApiError? ReadMaxTokens(JsonElement root, string name, out int? value)
    {
        value = null;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var number))
        {
            return ApiError.BadRequest($"Invalid type for '{name}': expected an integer, but got {JsonTypeName(element)} instead.", name, "invalid_type");
        }

        if (number < 1)
        {
            return ApiError.BadRequest($"Invalid '{name}': integer below minimum value. Expected a value >= 1, but got {number} instead.", name, "integer_below_min_value");
        }

        if (number > MaxTokensLimit)
        {
            return ApiError.BadRequest($"Invalid '{name}': integer above maximum value. Expected a value <= {MaxTokensLimit}, but got {number} instead.", name, "integer_above_max_value");
        }

        value = (int)number;
        return null;
    }

    internal static ApiError? ReadStreamFlags(JsonElement root, out bool stream, out bool includeUsage)
    {
        stream = false;
        includeUsage = false;
        if (root.TryGetProperty("stream", out var streamElement) && streamElement.ValueKind != JsonValueKind.Null)
        {
            if (streamElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return ApiError.BadRequest($"Invalid type for 'stream': expected a boolean, but got {JsonTypeName(streamElement)} instead.", "stream", "invalid_type");
            }

            stream = streamElement.GetBoolean();
        }

        if (!root.TryGetProperty("stream_options", out var options) || options.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (!stream)
        {
            return ApiError.BadRequest("The 'stream_options' parameter is only allowed when 'stream' is enabled.", "stream_options");
        }

        includeUsage = options.ValueKind == JsonValueKind.Object
            && options.TryGetProperty("include_usage", out var usage)
            && usage.ValueKind == JsonValueKind.True;
        return null;
    }

    internal static string JsonTypeName(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a decimal",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}
