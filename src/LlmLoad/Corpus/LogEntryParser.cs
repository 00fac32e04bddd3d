using System.Text;
using System.Text.Json;

using LlmLoad.Workload;

namespace LlmLoad.Corpus;

/// <summary>
/// Reads one JSONL log line. Accepted shapes (docs/corpus.md): the prompt as <c>prompt</c> or <c>messages</c>
/// (OpenAI chat; Anthropic <c>system</c> + <c>messages</c>), at the top level or inside <c>request</c>; the
/// output length as <c>output_tokens</c>, <c>usage.completion_tokens</c> / <c>usage.output_tokens</c> (top level
/// or in a <c>response</c> object), or the answer text as <c>response</c>/<c>completion</c>/<c>output</c>
/// (a string, or an OpenAI/Anthropic response object); an optional <c>category</c> string.
/// </summary>
internal static class LogEntryParser
{
    private static readonly string[] TextFields = ["response", "completion", "output"];

    /// <summary>The entry, or null with <paramref name="error"/> saying what was wrong.</summary>
    public static LogEntry? Parse(ReadOnlyMemory<byte> line, out string? error)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            error = "not valid JSON: " + Trimmed(ex.Message);
            return null;
        }

        using (document)
        {
            try
            {
                error = null;
                return Read(document.RootElement);
            }
            catch (LogLineException ex)
            {
                error = ex.Message;
                return null;
            }
            catch (InvalidOperationException)
            {
                // GetString() is where invalid UTF-8 inside a string surfaces; the reader itself lets it through.
                error = "a string is not valid UTF-8";
                return null;
            }
        }
    }

    private static LogEntry Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new LogLineException($"expected a JSON object, got {Kind(root)}");
        }

        var request = HasPrompt(root) ? root
            : root.TryGetProperty("request", out var nested) && nested.ValueKind == JsonValueKind.Object && HasPrompt(nested) ? nested
            : throw new LogLineException("no 'prompt' (string) or 'messages' (array) at the top level or in 'request'");

        string? prompt = null;
        IReadOnlyList<ChatTurn>? messages = null;
        if (request.TryGetProperty("messages", out var array))
        {
            messages = ReadMessages(request, array);
        }
        else
        {
            var value = request.GetProperty("prompt");
            prompt = value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new LogLineException($"'prompt' must be a string, got {Kind(value)}");
            if (string.IsNullOrWhiteSpace(prompt))
            {
                throw new LogLineException("'prompt' is empty");
            }
        }

        var category = root.TryGetProperty("category", out var c) && c.ValueKind != JsonValueKind.Null
            ? c.ValueKind == JsonValueKind.String ? c.GetString() : throw new LogLineException($"'category' must be a string, got {Kind(c)}")
            : null;
        return new LogEntry(prompt, messages, OutputTokens(root), OutputText(root), string.IsNullOrWhiteSpace(category) ? null : category);
    }

    private static bool HasPrompt(JsonElement element) => element.TryGetProperty("prompt", out _) || element.TryGetProperty("messages", out _);

    private static List<ChatTurn> ReadMessages(JsonElement request, JsonElement array)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new LogLineException($"'messages' must be an array, got {Kind(array)}");
        }

        var messages = new List<ChatTurn>(array.GetArrayLength() + 1);
        if (request.TryGetProperty("system", out var system) && system.ValueKind != JsonValueKind.Null)
        {
            messages.Add(new ChatTurn("system", Content(system, "'system'")));
        }

        var index = 0;
        foreach (var message in array.EnumerateArray())
        {
            var where = $"messages[{index++}]";
            if (message.ValueKind != JsonValueKind.Object)
            {
                throw new LogLineException($"{where} must be an object, got {Kind(message)}");
            }

            var role = message.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? CorpusRole(r.GetString()!)
                : throw new LogLineException($"{where} has no 'role' string");
            var content = message.TryGetProperty("content", out var body) ? Content(body, where + ".content") : "";
            messages.Add(new ChatTurn(role, content));
        }

        // An assistant turn at the end is a prefill the model continues; a corpus prompt ends with what the model answers.
        while (messages.Count > 0 && messages[^1].Role == "assistant")
        {
            messages.RemoveAt(messages.Count - 1);
        }

        if (messages.Count == 0 || messages[^1].Role != "user" || messages.All(m => string.IsNullOrWhiteSpace(m.Content)))
        {
            throw new LogLineException("'messages' has no user message with text");
        }

        return messages;
    }

    /// <summary>
    /// The roles a corpus holds (system, user, assistant): OpenAI's <c>developer</c> is a system message; a tool or
    /// function result is input the model reads, sent as a user message so the prompt keeps its length.
    /// </summary>
    private static string CorpusRole(string role) => role switch
    {
        "system" or "developer" => "system",
        "assistant" => "assistant",
        "user" or "tool" or "function" => "user",
        _ => throw new LogLineException($"unknown message role '{role}'; expected system, developer, user, assistant, tool or function"),
    };

    /// <summary>A string, null (an assistant turn with tool calls), or content parts whose text parts are joined.</summary>
    private static string Content(JsonElement content, string where)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                return content.GetString()!;
            case JsonValueKind.Null:
                return "";
            case JsonValueKind.Array:
                var text = new StringBuilder();
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind == JsonValueKind.String)
                    {
                        text.Append(part.GetString());
                    }
                    else if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String)
                    {
                        text.Append(t.GetString());
                    }
                }

                return text.ToString();
            default:
                throw new LogLineException($"{where} must be a string or an array of parts, got {Kind(content)}");
        }
    }

    private static int? OutputTokens(JsonElement root)
    {
        if (root.TryGetProperty("output_tokens", out var direct))
        {
            return Count(direct, "'output_tokens'");
        }

        var usageOwner = root.TryGetProperty("usage", out _) ? root
            : root.TryGetProperty("response", out var response) && response.ValueKind == JsonValueKind.Object ? response
            : default;
        if (usageOwner.ValueKind != JsonValueKind.Object || !usageOwner.TryGetProperty("usage", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var name in (ReadOnlySpan<string>)["completion_tokens", "output_tokens"])
        {
            if (usage.TryGetProperty(name, out var value))
            {
                return Count(value, $"'usage.{name}'");
            }
        }

        return null;
    }

    private static int? Count(JsonElement value, string what) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Number when value.TryGetInt32(out var n) && n >= 0 => n,
        _ => throw new LogLineException($"{what} must be a non-negative integer, got {value.GetRawText()}"),
    };

    private static string? OutputText(JsonElement root)
    {
        foreach (var name in TextFields)
        {
            if (!root.TryGetProperty(name, out var value))
            {
                continue;
            }

            if (value.ValueKind == JsonValueKind.String)
            {
                return value.GetString();
            }

            if (value.ValueKind == JsonValueKind.Object && ResponseText(value) is { } text)
            {
                return text;
            }
        }

        return null;
    }

    /// <summary>OpenAI <c>choices[0].message.content</c> or <c>choices[0].text</c>; Anthropic <c>content[].text</c>.</summary>
    private static string? ResponseText(JsonElement response)
    {
        if (response.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0)
        {
            var first = choices[0];
            if (first.ValueKind == JsonValueKind.Object && first.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object
                && message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
            {
                return content.GetString();
            }

            return first.ValueKind == JsonValueKind.Object && first.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
        }

        return response.TryGetProperty("content", out var blocks) && blocks.ValueKind == JsonValueKind.Array ? Content(blocks, "'response.content'") : null;
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>System.Text.Json ends its messages with "LineNumber: 0 | BytePositionInLine: 17."; the column is what helps.</summary>
    private static string Trimmed(string message)
    {
        var at = message.IndexOf("LineNumber:", StringComparison.Ordinal);
        if (at < 0)
        {
            return message;
        }

        var column = message.IndexOf("BytePositionInLine:", at, StringComparison.Ordinal);
        var position = column < 0 ? "" : " (at byte " + message[(column + "BytePositionInLine:".Length)..].Trim().TrimEnd('.') + ")";
        return message[..at].TrimEnd(' ', '.', '|') + position;
    }

    private sealed class LogLineException(string message) : Exception(message);
}
