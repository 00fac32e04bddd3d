using System.Text;
using System.Text.Json;
using LlmLoad.Workload;

namespace LlmLoad.Providers.Formats;

/// <summary>
/// The JSON body of a user's own app, written as a template: literal JSON with <c>{{placeholder}}</c> where a
/// request's values go. Each placeholder becomes a JSON value (a string is quoted and escaped), so the
/// template stays valid JSON and no prompt text can break out of its field. Compiled once per run.
/// </summary>
internal sealed class BodyTemplate
{
    /// <summary>Every placeholder, with what it becomes, for errors and the docs.</summary>
    public static IReadOnlyDictionary<string, string> Placeholders { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["prompt"] = "the last user message, a JSON string",
        ["messages"] = "the conversation as a JSON array of {\"role\", \"content\"} objects",
        ["system"] = "the system prompt, a JSON string (null when there is none)",
        ["max_tokens"] = "the output cap, a number",
        ["model"] = "the --model, a JSON string",
        ["stream"] = "true or false",
        ["session_id"] = "one id per session (per request without sessions), unique to the run, a JSON string",
    };

    private readonly (string Literal, string? Placeholder)[] _parts;

    private BodyTemplate((string, string?)[] parts) => _parts = parts;

    /// <exception cref="FormatException">An unknown or unclosed placeholder, or a template that is not JSON once filled.</exception>
    public static BodyTemplate Parse(string text)
    {
        var parts = new List<(string, string?)>();
        var at = 0;
        while (true)
        {
            var open = text.IndexOf("{{", at, StringComparison.Ordinal);
            if (open < 0)
            {
                parts.Add((text[at..], null));
                break;
            }

            var close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                throw new FormatException($"'{{{{' at character {open + 1} is never closed with '}}}}'");
            }

            var name = text[(open + 2)..close].Trim();
            if (!Placeholders.ContainsKey(name))
            {
                throw new FormatException($"unknown placeholder '{{{{{name}}}}}'; expected one of: {string.Join(", ", Placeholders.Keys.Select(k => "{{" + k + "}}"))}");
            }

            parts.Add((text[at..open], name));
            at = close + 2;
        }

        var template = new BodyTemplate([.. parts]);
        try
        {
            using var _ = JsonDocument.Parse(template.Render("model", [new ChatTurn("system", "s"), new ChatTurn("user", "u")], 1, true, "id"));
        }
        catch (JsonException ex)
        {
            throw new FormatException($"not valid JSON once its placeholders are filled (placeholders are whole JSON values: write {{{{prompt}}}}, not \"{{{{prompt}}}}\"): {ex.Message}");
        }

        return template;
    }

    public byte[] Render(string model, IReadOnlyList<ChatTurn> messages, int maxTokens, bool stream, string sessionId)
    {
        using var buffer = new MemoryStream(messages.Sum(m => m.Content.Length) + 256);
        using var json = new Utf8JsonWriter(buffer);
        foreach (var (literal, placeholder) in _parts)
        {
            json.Flush();
            buffer.Write(Encoding.UTF8.GetBytes(literal));
            if (placeholder is not null)
            {
                WriteValue(json, placeholder, model, messages, maxTokens, stream, sessionId);
                json.Flush();
                json.Reset();
            }
        }

        json.Flush();
        return buffer.ToArray();
    }

    private static void WriteValue(Utf8JsonWriter json, string placeholder, string model, IReadOnlyList<ChatTurn> messages, int maxTokens, bool stream, string sessionId)
    {
        switch (placeholder)
        {
            case "prompt":
                json.WriteStringValue(messages.LastOrDefault(m => m.Role == "user")?.Content ?? "");
                break;
            case "messages":
                json.WriteStartArray();
                foreach (var message in messages)
                {
                    json.WriteStartObject();
                    json.WriteString("role", message.Role);
                    json.WriteString("content", message.Content);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                break;
            case "system":
                var system = messages.Where(m => m.Role == "system").Select(m => m.Content).ToList();
                if (system.Count == 0)
                {
                    json.WriteNullValue();
                }
                else
                {
                    json.WriteStringValue(string.Join("\n\n", system));
                }

                break;
            case "max_tokens":
                json.WriteNumberValue(maxTokens);
                break;
            case "model":
                json.WriteStringValue(model);
                break;
            case "stream":
                json.WriteBooleanValue(stream);
                break;
            default:
                json.WriteStringValue(sessionId);
                break;
        }
    }
}
