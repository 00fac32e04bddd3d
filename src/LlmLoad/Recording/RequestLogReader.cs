using System.Text.Json;
using LlmLoad.Providers;

namespace LlmLoad.Recording;

/// <summary>
/// Reads requests.jsonl back into records (what <see cref="RequestLog"/> wrote), for <c>llmload merge</c>.
/// The cost is not read: the merge prices each record again from the run's price, as the run did.
/// </summary>
internal static class RequestLogReader
{
    private static readonly Dictionary<string, ErrorClass> Errors = ErrorClassNames.All.ToDictionary(e => e.ToWireName(), e => e, StringComparer.Ordinal);

    /// <exception cref="FormatException">A line is not a request record; the message names the line.</exception>
    public static IEnumerable<RequestRecord> Read(string path)
    {
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            RequestRecord record;
            try
            {
                using var document = JsonDocument.Parse(line);
                record = Parse(document.RootElement);
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new FormatException($"{path}:{number}: not a request record ({ex.Message})", ex);
            }

            yield return record;
        }
    }

    private static RequestRecord Parse(JsonElement e) => new()
    {
        Seq = e.GetProperty("seq").GetInt64(),
        Warmup = e.GetProperty("warmup").GetBoolean(),
        Stage = String(e, "stage"),
        Category = String(e, "category"),
        SessionId = Long(e, "session_id"),
        Turn = Int(e, "turn"),
        SessionTurns = Int(e, "session_turns"),
        ResponseId = String(e, "response_id"),
        Status = e.GetProperty("status").GetInt32(),
        Error = String(e, "error_class") is { } error ? (Errors.TryGetValue(error, out var known) ? known : throw new FormatException($"unknown error_class '{error}'")) : null,
        ErrorMessage = String(e, "error_message"),
        ScheduledMs = e.GetProperty("scheduled_ms").GetDouble(),
        SentMs = e.GetProperty("sent_ms").GetDouble(),
        TtftMs = Double(e, "ttft_ms"),
        TtfoMs = Double(e, "ttfo_ms"),
        E2eMs = Double(e, "e2e_ms"),
        TpotMs = Double(e, "tpot_ms"),
        Chunks = e.GetProperty("chunks").GetInt32(),
        InputTokens = Int(e, "input_tokens"),
        OutputTokens = Int(e, "output_tokens"),
        TokenSource = e.GetProperty("token_source").GetString()!,
        FinishReason = String(e, "finish_reason"),
        CachedTokens = Int(e, "cached_tokens"),
        ReasoningTokens = Int(e, "reasoning_tokens"),
        ReasoningChunks = Int(e, "reasoning_chunks") ?? 0,
        HttpVersion = String(e, "http_version"),
        MaxTokens = e.GetProperty("max_tokens").GetInt32(),
        Inputs = Int(e, "inputs"),
        InputTokensTokenizer = e.GetProperty("input_tokens_tokenizer").GetInt32(),
        OutputTokensTokenizer = Int(e, "output_tokens_tokenizer"),
        RateLimit = new RateLimitObservation(null, Long(e, "ratelimit_remaining_requests"), null, Long(e, "ratelimit_remaining_tokens"), Double(e, "retry_after_s")),
    };

    private static JsonElement? Value(JsonElement e, string name)
        => e.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string? String(JsonElement e, string name) => Value(e, name)?.GetString();

    private static double? Double(JsonElement e, string name) => Value(e, name)?.GetDouble();

    private static long? Long(JsonElement e, string name) => Value(e, name)?.GetInt64();

    private static int? Int(JsonElement e, string name) => Value(e, name)?.GetInt32();
}
