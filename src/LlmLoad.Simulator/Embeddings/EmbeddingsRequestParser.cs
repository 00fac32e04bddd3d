using System.Globalization;
using System.Text.Json;
using LlmLoad.Simulator.ChatCompletions;
using LlmLoad.Workload;

namespace LlmLoad.Simulator.Embeddings;

/// <summary>
/// Reads a <c>POST /v1/embeddings</c> body and refuses what OpenAI refuses, in its envelope: no model, an input
/// that is missing or empty (OpenAI's schema error <c>'$.input' is invalid</c>), more than
/// <see cref="MaxInputs"/> inputs, an input over <see cref="MaxInputTokens"/> tokens, or a bad
/// <c>dimensions</c>/<c>encoding_format</c> (API reference: platform.openai.com/docs/api-reference/embeddings).
/// </summary>
internal static class EmbeddingsRequestParser
{
    /// <summary>"any array must be 2048 dimensions or less".</summary>
    public const int MaxInputs = 2048;

    /// <summary>"The input must not exceed the max input tokens for the model (8192 tokens for all embedding models)".</summary>
    public const int MaxInputTokens = 8192;

    /// <summary>"all embedding models enforce a maximum of 300,000 tokens summed across all inputs in a single request".</summary>
    public const int MaxRequestTokens = 300_000;

    /// <summary>text-embedding-3-small's and ada-002's length; text-embedding-3-large's is <see cref="LargeDimensions"/>.</summary>
    public const int DefaultDimensions = 1536;

    public const int LargeDimensions = 3072;

    private const string InvalidInput = "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.";

    private const string MalformedJson =
        "We could not parse the JSON body of your request. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.";

    public static async Task<(EmbeddingsRequest? Request, ApiError? Error)> ParseAsync(Stream body, CancellationToken cancellationToken)
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
            return Parse(document.RootElement);
        }
    }

    /// <summary>The length of the model's vectors when the request names no <c>dimensions</c>.</summary>
    public static int NativeDimensions(string model) => model.Contains("3-large", StringComparison.OrdinalIgnoreCase) ? LargeDimensions : DefaultDimensions;

    private static (EmbeddingsRequest?, ApiError?) Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, ApiError.BadRequest(MalformedJson));
        }

        if (!root.TryGetProperty("model", out var modelElement) || modelElement.ValueKind != JsonValueKind.String)
        {
            return (null, ApiError.BadRequest("you must provide a model parameter"));
        }

        var model = modelElement.GetString()!;
        if (!root.TryGetProperty("input", out var input) || input.ValueKind == JsonValueKind.Null)
        {
            return (null, ApiError.BadRequest("Missing required parameter: 'input'.", "input", "missing_required_parameter"));
        }

        if (ReadInputs(input, out var keys, out var promptTokens) is { } inputError)
        {
            return (null, inputError);
        }

        if (ReadDimensions(root, model, out var dimensions) is { } dimensionsError)
        {
            return (null, dimensionsError);
        }

        if (ReadBase64(root, out var base64) is { } formatError)
        {
            return (null, formatError);
        }

        return (new EmbeddingsRequest(model, keys, promptTokens, dimensions, base64), null);
    }

    /// <summary>A string, an array of strings, an array of token ids, or an array of such arrays; none of them empty.</summary>
    private static ApiError? ReadInputs(JsonElement input, out List<ulong> keys, out int promptTokens)
    {
        keys = [];
        promptTokens = 0;
        if (input.ValueKind == JsonValueKind.String)
        {
            return AddText(input, keys, ref promptTokens);
        }

        if (input.ValueKind != JsonValueKind.Array || input.GetArrayLength() == 0)
        {
            return ApiError.BadRequest(InvalidInput);
        }

        var count = input.GetArrayLength();
        if (count > MaxInputs)
        {
            return ApiError.BadRequest(
                string.Create(CultureInfo.InvariantCulture, $"Invalid 'input': array too long. Expected an array with maximum length {MaxInputs}, but got an array with length {count} instead."),
                "input",
                "array_above_max_length");
        }

        // An array of numbers is one input given as token ids.
        if (input[0].ValueKind == JsonValueKind.Number)
        {
            return AddTokens(input, keys, ref promptTokens);
        }

        foreach (var item in input.EnumerateArray())
        {
            var error = item.ValueKind switch
            {
                JsonValueKind.String => AddText(item, keys, ref promptTokens),
                JsonValueKind.Array when item.GetArrayLength() > 0 => AddTokens(item, keys, ref promptTokens),
                _ => ApiError.BadRequest(InvalidInput),
            };
            if (error is not null)
            {
                return error;
            }
        }

        return promptTokens > MaxRequestTokens
            ? ApiError.BadRequest(
                string.Create(CultureInfo.InvariantCulture, $"Requested {promptTokens} tokens, max {MaxRequestTokens} tokens per request"),
                "input",
                "max_tokens_per_request")
            : null;
    }

    private static ApiError? AddText(JsonElement item, List<ulong> keys, ref int promptTokens)
    {
        var text = item.GetString()!;
        if (text.Length == 0)
        {
            return ApiError.BadRequest(InvalidInput);
        }

        keys.Add(EmbeddingVector.KeyOf(text));
        return AddCount(TokenCounter.Default.Count(text), ref promptTokens);
    }

    private static ApiError? AddTokens(JsonElement item, List<ulong> keys, ref int promptTokens)
    {
        var tokens = new List<long>(item.GetArrayLength());
        foreach (var token in item.EnumerateArray())
        {
            if (token.ValueKind != JsonValueKind.Number || !token.TryGetInt64(out var id) || id < 0)
            {
                return ApiError.BadRequest(InvalidInput);
            }

            tokens.Add(id);
        }

        keys.Add(EmbeddingVector.KeyOf(tokens));
        return AddCount(tokens.Count, ref promptTokens);
    }

    /// <summary>Each input must fit the model on its own, as the API words it for an input too long.</summary>
    private static ApiError? AddCount(int tokens, ref int promptTokens)
    {
        promptTokens += tokens;
        return tokens <= MaxInputTokens
            ? null
            : ApiError.BadRequest(
                string.Create(CultureInfo.InvariantCulture, $"This model's maximum context length is {MaxInputTokens} tokens, however you requested {tokens} tokens ({tokens} in your prompt; 0 for the completion). Please reduce your prompt; or completion length."),
                null,
                "context_length_exceeded");
    }

    private static ApiError? ReadDimensions(JsonElement root, string model, out int dimensions)
    {
        var native = NativeDimensions(model);
        dimensions = native;
        if (!root.TryGetProperty("dimensions", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var number))
        {
            return ApiError.BadRequest($"Invalid type for 'dimensions': expected an integer, but got {ChatRequestParser.JsonTypeName(element)} instead.", "dimensions", "invalid_type");
        }

        if (number < 1)
        {
            return ApiError.BadRequest(string.Create(CultureInfo.InvariantCulture, $"Invalid 'dimensions': integer below minimum value. Expected a value >= 1, but got {number} instead."), "dimensions", "integer_below_min_value");
        }

        if (number > native)
        {
            return ApiError.BadRequest(string.Create(CultureInfo.InvariantCulture, $"Invalid 'dimensions': integer above maximum value. Expected a value <= {native}, but got {number} instead."), "dimensions", "integer_above_max_value");
        }

        dimensions = (int)number;
        return null;
    }

    private static ApiError? ReadBase64(JsonElement root, out bool base64)
    {
        base64 = false;
        if (!root.TryGetProperty("encoding_format", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueEquals("float"u8) || element.ValueEquals("base64"u8))
        {
            base64 = element.ValueEquals("base64"u8);
            return null;
        }

        return ApiError.BadRequest(
            $"Invalid value for 'encoding_format': expected one of 'float' or 'base64', but got {(element.ValueKind == JsonValueKind.String ? "'" + element.GetString() + "'" : ChatRequestParser.JsonTypeName(element))} instead.",
            "encoding_format",
            "invalid_value");
    }
}
