using System.Text.Encodings.Web;
using System.Text.Json;
using LlmLoad.Workload;

namespace LlmLoad.Corpus;

/// <summary>
/// Writes the corpus, one JSON object per line (format in docs/corpus.md):
/// <c>{"prompt": "…" | "messages": [{"role", "content"}], "max_tokens"?: n, "category": "short_in_long_out",
/// "input_tokens": n, "log_category"?: "…"}</c>. Written to a temporary file and renamed, so a failed build
/// never leaves half a corpus behind.
/// </summary>
internal static class CorpusWriter
{
    /// <summary>Placeholders such as &lt;EMAIL&gt; and non-ASCII text stay readable; the file is never embedded in HTML.</summary>
    public static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static long Write(string path, IEnumerable<SampledPrompt> prompts, TokenCounter tokens)
    {
        var temporary = path + ".tmp";
        long written = 0;
        try
        {
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
            {
                Directory.CreateDirectory(directory);
            }

            using (var file = File.Create(temporary))
            using (var json = new Utf8JsonWriter(file, JsonOptions))
            {
                foreach (var prompt in prompts)
                {
                    WriteLine(json, prompt, tokens);
                    json.Flush();
                    file.WriteByte((byte)'\n');
                    json.Reset();
                    written++;
                }
            }

            File.Move(temporary, path, overwrite: true);
            return written;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CorpusInputException($"{path}: cannot write the corpus: {ex.Message}");
        }
    }

    private static void WriteLine(Utf8JsonWriter json, SampledPrompt prompt, TokenCounter tokens)
    {
        var entry = prompt.Entry;
        json.WriteStartObject();
        if (entry.Prompt is { } text)
        {
            json.WriteString("prompt", text);
        }
        else
        {
            json.WriteStartArray("messages");
            foreach (var message in entry.Messages!)
            {
                json.WriteStartObject();
                json.WriteString("role", message.Role);
                json.WriteString("content", message.Content);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        // A corpus's max_tokens is at least 1; an empty answer in the log (an error, a refusal) says nothing about length.
        if (prompt.OutputTokens is { } output and > 0)
        {
            json.WriteNumber("max_tokens", output);
        }

        json.WriteString("category", prompt.Bucket);
        json.WriteNumber("input_tokens", tokens.Count(entry.Text));
        if (entry.Category is { } category)
        {
            json.WriteString("log_category", category);
        }

        json.WriteEndObject();
    }
}
