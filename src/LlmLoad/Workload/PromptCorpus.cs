using System.Globalization;
using System.Text.Json;
using nietras.SeparatedValues;

namespace LlmLoad.Workload;

/// <summary>
/// Prompts read from a file: JSON Lines (<c>prompt</c> or <c>messages</c>, optional <c>max_tokens</c>,
/// <c>category</c> and <c>tools</c> in OpenAI's function-tool JSON), CSV with a header (a <c>prompt</c> column, optional <c>max_tokens</c> and <c>category</c>),
/// plain text (one prompt per line), or ShareGPT JSON (an array of <c>conversations</c>: the first human
/// turn, after any system turn, is the prompt; the answer after it sets the output length). A bad line is
/// an error naming file:line and what was wrong, or, when bad lines may be skipped, counted.
/// </summary>
public sealed class PromptCorpus
{
    public const string Formats = ".jsonl (prompt or messages), .csv (prompt column), .txt (one prompt per line) or .json (ShareGPT conversations)";

    /// <summary>Only the first few skipped lines are described; the rest are counted.</summary>
    private const int DescribedSkips = 5;

    private PromptCorpus(IReadOnlyList<CorpusEntry> entries, long skipped, IReadOnlyList<string> skippedExamples)
    {
        Entries = entries;
        SkippedLines = skipped;
        SkippedExamples = skippedExamples;
    }

    public IReadOnlyList<CorpusEntry> Entries { get; }

    public long SkippedLines { get; }

    /// <summary>What was wrong with the first few skipped lines, file:line first.</summary>
    public IReadOnlyList<string> SkippedExamples { get; }

    /// <summary>The corpus, or null with the problems in <paramref name="errors"/> (at most ten line errors, then the count).</summary>
    public static PromptCorpus? Load(string path, bool skipBadLines, List<string> errors)
    {
        if (!File.Exists(path))
        {
            errors.Add($"{path}: corpus file not found");
            return null;
        }

        var reader = new LineErrors(path, skipBadLines);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        IEnumerable<CorpusEntry>? entries = extension switch
        {
            ".jsonl" or ".ndjson" => ReadJsonLines(path, reader),
            ".csv" => ReadCsv(path, reader),
            ".txt" => ReadText(path, reader),
            ".json" => ReadShareGpt(path, reader),
            _ => null,
        };
        if (entries is null)
        {
            errors.Add($"{path}: unknown corpus format '{extension}'; expected {Formats}");
            return null;
        }

        List<CorpusEntry> list;
        try
        {
            list = [.. entries];
        }
        catch (JsonException ex)
        {
            errors.Add($"{path}:{ex.LineNumber + 1}: not valid JSON ({ex.Message})");
            return null;
        }

        errors.AddRange(reader.Errors);
        if (reader.Errors.Count > 0)
        {
            return null;
        }

        if (list.Count == 0)
        {
            errors.Add($"{path}: the corpus has no prompts{(reader.Skipped > 0 ? $" ({reader.Skipped} bad lines skipped)" : "")}");
            return null;
        }

        return new PromptCorpus(list, reader.Skipped, reader.SkippedExamples);
    }

    /// <summary>Wraps entries already in memory (tests).</summary>
    public static PromptCorpus Of(IReadOnlyList<CorpusEntry> entries) => new(entries, 0, []);

    /// <summary>
    /// The corpus that ships with llmload (<c>--corpus builtin</c>): a few dozen varied prompts (questions,
    /// code, summaries, extraction, creative writing, reasoning, translation, chat), each with a category
    /// and a plausible max_tokens, for when a run should send real language but the user has no logs.
    /// </summary>
    public static PromptCorpus BuiltIn()
    {
        using var stream = typeof(PromptCorpus).Assembly.GetManifestResourceStream("LlmLoad.Workload.BuiltInCorpus.jsonl")!;
        using var reader = new StreamReader(stream);
        var entries = new List<CorpusEntry>();
        var line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            entries.Add(FromJsonObject(text, $"builtin:{line}"));
        }

        return new PromptCorpus(entries, 0, []);
    }

    private static IEnumerable<CorpusEntry> ReadJsonLines(string path, LineErrors errors)
    {
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var entry = errors.Try(line, () => FromJsonObject(text, $"{path}:{line}"));
            if (entry is not null)
            {
                yield return entry;
            }
        }
    }

    private static CorpusEntry FromJsonObject(string text, string source)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(text).RootElement;
        }
        catch (JsonException ex)
        {
            throw new FormatException($"not a JSON object ({ex.Message})");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("expected a JSON object with \"prompt\" or \"messages\"");
        }

        IReadOnlyList<ChatTurn> messages = root.TryGetProperty("prompt", out var prompt)
            ? [new ChatTurn("user", prompt.ValueKind == JsonValueKind.String && prompt.GetString()!.Trim().Length > 0 ? prompt.GetString()! : throw new FormatException("field 'prompt': expected non-empty text"))]
            : root.TryGetProperty("messages", out var list) ? Messages(list)
            : throw new FormatException("expected a \"prompt\" (text) or \"messages\" (a list of {role, content}) field");
        return new CorpusEntry(messages, OptionalTokens(root, "max_tokens"), OptionalText(root, "category"), source)
        {
            Tools = root.TryGetProperty("tools", out var tools) && tools.ValueKind != JsonValueKind.Null ? ToolDefinitions.Parse(tools, "tools") : [],
        };
    }

    private static List<ChatTurn> Messages(JsonElement list)
    {
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            throw new FormatException("field 'messages': expected a non-empty list of {\"role\": ..., \"content\": ...}");
        }

        var turns = new List<ChatTurn>();
        foreach (var message in list.EnumerateArray())
        {
            var role = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : "";
            if (role is not ("system" or "user" or "assistant"))
            {
                throw new FormatException($"field 'messages[{turns.Count}].role': expected system, user or assistant");
            }

            if (!message.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.String)
            {
                throw new FormatException($"field 'messages[{turns.Count}].content': expected text");
            }

            turns.Add(new ChatTurn(role, content.GetString()!));
        }

        return turns[^1].Role == "user" ? turns : throw new FormatException("field 'messages': the last message must be the user's (the model answers it)");
    }

    private static int? OptionalTokens(JsonElement root, string name)
        => !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
            : value.TryGetInt32(out var tokens) && tokens >= 1 ? tokens
            : throw new FormatException($"field '{name}': expected a whole number of tokens, at least 1");

    private static string? OptionalText(JsonElement root, string name)
        => !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
            : value.ValueKind == JsonValueKind.String ? value.GetString()
            : throw new FormatException($"field '{name}': expected text");

    private static IEnumerable<CorpusEntry> ReadCsv(string path, LineErrors errors)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(path);
        if (!reader.Header.TryIndexOf("prompt", out var promptColumn))
        {
            errors.Fail(1, "a CSV corpus starts with a header naming a 'prompt' column (optional: max_tokens, category)");
            yield break;
        }

        var maxTokensColumn = reader.Header.TryIndexOf("max_tokens", out var m) ? m : -1;
        var categoryColumn = reader.Header.TryIndexOf("category", out var c) ? c : -1;
        foreach (var row in reader)
        {
            var line = row.LineNumberFrom;
            var prompt = row[promptColumn].ToString();
            var maxTokens = maxTokensColumn >= 0 ? row[maxTokensColumn].ToString() : "";
            var category = categoryColumn >= 0 ? row[categoryColumn].ToString() : "";
            var entry = errors.Try(line, () =>
            {
                if (prompt.Trim().Length == 0)
                {
                    throw new FormatException("column 'prompt': expected non-empty text");
                }

                int? tokens = maxTokens.Trim().Length == 0 ? null
                    : int.TryParse(maxTokens, NumberStyles.Integer, CultureInfo.InvariantCulture, out var t) && t >= 1 ? t
                    : throw new FormatException($"column 'max_tokens': expected a whole number of tokens, at least 1, got '{maxTokens}'");
                return new CorpusEntry([new ChatTurn("user", prompt)], tokens, category.Length > 0 ? category : null, $"{path}:{line}");
            });
            if (entry is not null)
            {
                yield return entry;
            }
        }
    }

    private static IEnumerable<CorpusEntry> ReadText(string path, LineErrors errors)
    {
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (text.Trim().Length > 0)
            {
                yield return new CorpusEntry([new ChatTurn("user", text)], null, null, $"{path}:{line}");
            }
        }
    }

    private static IEnumerable<CorpusEntry> ReadShareGpt(string path, LineErrors errors)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            errors.Fail(1, "a .json corpus is ShareGPT: an array of {\"conversations\": [{\"from\": \"human\", \"value\": ...}, ...]}");
            yield break;
        }

        var index = 0;
        foreach (var item in document.RootElement.EnumerateArray())
        {
            index++;
            var entry = errors.TryItem(index, () => FromConversation(item, $"{path}: conversation {index}"));
            if (entry is not null)
            {
                yield return entry;
            }
        }
    }

    private static CorpusEntry FromConversation(JsonElement item, string source)
    {
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("conversations", out var conversation) || conversation.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("expected an object with a \"conversations\" list");
        }

        var turns = new List<ChatTurn>();
        foreach (var turn in conversation.EnumerateArray())
        {
            var from = turn.TryGetProperty("from", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
            var value = turn.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var role = from switch
            {
                "human" or "user" => "user",
                "gpt" or "chatgpt" or "assistant" or "bing" or "bard" => "assistant",
                "system" => "system",
                _ => throw new FormatException($"turn {turns.Count + 1}: 'from' must be human, gpt or system"),
            };
            turns.Add(new ChatTurn(role, value ?? throw new FormatException($"turn {turns.Count + 1}: expected a 'value' text")));
        }

        var firstUser = turns.FindIndex(t => t.Role == "user");
        if (firstUser < 0 || turns[firstUser].Content.Trim().Length == 0)
        {
            throw new FormatException("no human turn with text");
        }

        var answer = firstUser + 1 < turns.Count && turns[firstUser + 1].Role == "assistant" ? turns[firstUser + 1].Content : null;
        var answerTokens = answer is null ? (int?)null : Math.Max(1, TokenCounter.Default.Count(answer));
        return new CorpusEntry(turns[..(firstUser + 1)], answerTokens, null, source);
    }

    /// <summary>Collects line errors, or with skipping, counts them.</summary>
    private sealed class LineErrors(string path, bool skip)
    {
        private const int MaxErrors = 10;

        public List<string> Errors { get; } = [];

        public List<string> SkippedExamples { get; } = [];

        public long Skipped { get; private set; }

        public CorpusEntry? Try(long line, Func<CorpusEntry> read) => Attempt($"{path}:{line}", read);

        public CorpusEntry? TryItem(int index, Func<CorpusEntry> read) => Attempt($"{path}: conversation {index}", read);

        public void Fail(long line, string message) => Errors.Add($"{path}:{line}: {message}");

        private CorpusEntry? Attempt(string where, Func<CorpusEntry> read)
        {
            try
            {
                return read();
            }
            catch (FormatException ex)
            {
                var message = $"{where}: {ex.Message}";
                if (skip)
                {
                    Skipped++;
                    if (SkippedExamples.Count < DescribedSkips)
                    {
                        SkippedExamples.Add(message);
                    }
                }
                else if (Errors.Count < MaxErrors)
                {
                    Errors.Add(message);
                }

                return null;
            }
        }
    }
}
