using System.Text.Json;
using LlmLoad.Simulator.ChatCompletions;
using LlmLoad.Simulator.Generation;
using LlmLoad.Simulator.Serving.PrefixCaching;

namespace LlmLoad.Simulator.Completions;

/// <summary>
/// Reads a legacy completions body (<c>prompt</c>, <c>max_tokens</c>, <c>stream</c>, <c>stream_options</c>)
/// and rejects what the real API rejects, in its words; the numeric and stream fields are checked as chat completions checks them.
/// </summary>
internal static class CompletionRequestParser
{
    public static async Task<(CompletionRequest? Request, ApiError? Error)> ParseAsync(Stream body, bool keyPrefix, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return (null, ApiError.BadRequest(ChatRequestParser.MalformedJson));
        }

        using (document)
        {
            return Parse(document.RootElement, keyPrefix);
        }
    }

    private static (CompletionRequest?, ApiError?) Parse(JsonElement root, bool keyPrefix)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, ApiError.BadRequest(ChatRequestParser.MalformedJson));
        }

        if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String)
        {
            return (null, ApiError.BadRequest("you must provide a model parameter"));
        }

        using var prefix = keyPrefix ? new PromptPrefixBuilder(model.GetString()!) : null;
        if (CountPrompt(root, out var promptTokens, prefix) is { } promptError)
        {
            return (null, promptError);
        }

        if (ChatRequestParser.ReadMaxTokens(root, "max_tokens", out var maxTokens) is { } maxError)
        {
            return (null, maxError);
        }

        if (ChatRequestParser.ReadStreamFlags(root, out var stream, out var includeUsage) is { } streamError)
        {
            return (null, streamError);
        }

        return (new CompletionRequest(model.GetString()!, promptTokens, maxTokens, stream, includeUsage) { Prefix = prefix?.Build() }, null);
    }

    /// <summary>
    /// A string, an array of token ids, or a list of one of those. A list of several prompts asks for one
    /// choice each, which this simulator does not generate: it says so rather than answer with one.
    /// </summary>
    private static ApiError? CountPrompt(JsonElement root, out int promptTokens, PromptPrefixBuilder? prefix)
    {
        promptTokens = 0;
        if (!root.TryGetProperty("prompt", out var prompt) || prompt.ValueKind == JsonValueKind.Null)
        {
            return ApiError.BadRequest("Missing required parameter: 'prompt'.", "prompt", "missing_required_parameter");
        }

        if (prompt.ValueKind == JsonValueKind.Array && prompt.GetArrayLength() == 1 && prompt[0].ValueKind is JsonValueKind.String or JsonValueKind.Array)
        {
            prompt = prompt[0];
        }

        prefix?.StartMessage("prompt");
        if (prompt.ValueKind == JsonValueKind.String)
        {
            ContentTokens.TryAdd(prompt, ref promptTokens, prefix);
        }
        else if (prompt.ValueKind == JsonValueKind.Array && prompt.EnumerateArray().All(t => t.ValueKind == JsonValueKind.Number))
        {
            // Token ids: each is one token, whatever tokenizer produced them.
            promptTokens = prompt.GetArrayLength();
            prefix?.AddText(prompt.GetRawText());
        }
        else if (prompt.ValueKind == JsonValueKind.Array && prompt.GetArrayLength() > 1 && prompt.EnumerateArray().All(p => p.ValueKind is JsonValueKind.String or JsonValueKind.Array))
        {
            return ApiError.BadRequest("The simulator answers one prompt per request: send 'prompt' as one string (or one array of token ids), not a list of several.", "prompt", "unsupported_value");
        }
        else
        {
            return ApiError.BadRequest($"Invalid type for 'prompt': expected one of a string, an array of strings, an array of integers or an array of arrays of integers, but got {ChatRequestParser.JsonTypeName(prompt)} instead.", "prompt", "invalid_type");
        }

        prefix?.EndMessage(promptTokens);
        return null;
    }
}
