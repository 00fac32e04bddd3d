using System.Text.Json;
using LlmLoad.Simulator.ChatCompletions;
using LlmLoad.Simulator.Serving.PrefixCaching;

namespace LlmLoad.Simulator.Responses;

/// <summary>
/// Reads a Responses API request body and rejects what the real API rejects, with its messages (the
/// 16-token floor of <c>max_output_tokens</c> among them), so a client bug shows up against the simulator
/// and not first against a paid endpoint.
/// </summary>
internal static class ResponsesRequestParser
{
    /// <summary>The smallest <c>max_output_tokens</c> the API accepts.</summary>
    public const int MinOutputTokens = 16;

    private const string MalformedJson =
        "We could not parse the JSON body of your request. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.";

    /// <param name="keyPrefix">Whether to key the prompt for the prefix cache (only when it is on: it costs a hash over the prompt).</param>
    public static async Task<(ResponsesRequest? Request, ApiError? Error)> ParseAsync(Stream body, bool keyPrefix, CancellationToken cancellationToken)
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
            return Parse(document.RootElement, keyPrefix);
        }
    }

    private static (ResponsesRequest?, ApiError?) Parse(JsonElement root, bool keyPrefix)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, ApiError.BadRequest(MalformedJson));
        }

        if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String)
        {
            return (null, ApiError.BadRequest("Missing required parameter: 'model'.", "model", "missing_required_parameter"));
        }

        // The simulator keeps no responses, so a chain onto a stored one cannot be followed; the real API
        // answers the same for an id it does not know (or one stored with store: false).
        if (root.TryGetProperty("previous_response_id", out var previous) && previous.ValueKind == JsonValueKind.String)
        {
            return (null, ApiError.BadRequest($"Previous response with id '{previous.GetString()}' not found.", "previous_response_id", "previous_response_not_found"));
        }

        using var prefix = keyPrefix ? new PromptPrefixBuilder(model.GetString()!) : null;
        if (ResponsesInput.CountTokens(root, out var promptTokens, out var instructions, prefix) is { } inputError)
        {
            return (null, inputError);
        }

        if (ReadMaxOutputTokens(root, out var maxOutputTokens) is { } maxError)
        {
            return (null, maxError);
        }

        if (ReadBoolean(root, "stream", false, out var stream) is { } streamError)
        {
            return (null, streamError);
        }

        // Stored by default, as the API does; echoed in the response object.
        if (ReadBoolean(root, "store", true, out var store) is { } storeError)
        {
            return (null, storeError);
        }

        if (ReadReasoningSummary(root, out var reasoningSummary) is { } reasoningError)
        {
            return (null, reasoningError);
        }

        return (new ResponsesRequest(model.GetString()!, promptTokens, maxOutputTokens, stream, instructions, store) { Prefix = prefix?.Build(), ReasoningSummary = reasoningSummary, Tools = OpenAiToolsParser.Read(root, nested: false) }, null);
    }

    private static ApiError? ReadMaxOutputTokens(JsonElement root, out int? value)
    {
        const string Name = "max_output_tokens";
        value = null;
        if (!root.TryGetProperty(Name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var number))
        {
            return ApiError.BadRequest($"Invalid type for '{Name}': expected an integer, but got {ChatRequestParser.JsonTypeName(element)} instead.", Name, "invalid_type");
        }

        if (number < MinOutputTokens)
        {
            return ApiError.BadRequest($"Invalid '{Name}': integer below minimum value. Expected a value >= {MinOutputTokens}, but got {number} instead.", Name, "integer_below_min_value");
        }

        if (number > ChatRequestParser.MaxTokensLimit)
        {
            return ApiError.BadRequest($"Invalid '{Name}': integer above maximum value. Expected a value <= {ChatRequestParser.MaxTokensLimit}, but got {number} instead.", Name, "integer_above_max_value");
        }

        value = (int)number;
        return null;
    }

    private static readonly string[] ReasoningSummaries = ["auto", "concise", "detailed"];

    private static ApiError? ReadReasoningSummary(JsonElement root, out string? summary)
    {
        summary = null;
        if (!root.TryGetProperty("reasoning", out var reasoning) || reasoning.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (reasoning.ValueKind != JsonValueKind.Object)
        {
            return ApiError.BadRequest($"Invalid type for 'reasoning': expected an object, but got {ChatRequestParser.JsonTypeName(reasoning)} instead.", "reasoning", "invalid_type");
        }

        if (!reasoning.TryGetProperty("summary", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String || !ReasoningSummaries.Contains(element.GetString()))
        {
            return ApiError.BadRequest(
                $"Invalid value: {element.GetRawText()}. Supported values are: 'auto', 'concise', and 'detailed'.", "reasoning.summary", "invalid_value");
        }

        summary = element.GetString();
        return null;
    }

    private static ApiError? ReadBoolean(JsonElement root, string name, bool absent, out bool value)
    {
        value = absent;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return ApiError.BadRequest($"Invalid type for '{name}': expected a boolean, but got {ChatRequestParser.JsonTypeName(element)} instead.", name, "invalid_type");
        }

        value = element.GetBoolean();
        return null;
    }
}
