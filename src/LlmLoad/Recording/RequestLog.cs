using System.Text.Json;
using LlmLoad.Providers;

namespace LlmLoad.Recording;

/// <summary>
/// Appends requests.jsonl. Each batch is flushed to the OS as soon as it is written, so a crash or
/// Ctrl-C loses nothing that had finished.
/// </summary>
internal sealed class RequestLog : IDisposable
{
    public const string FileName = "requests.jsonl";

    private readonly FileStream _file;
    private readonly Utf8JsonWriter _json;

    public RequestLog(string directory)
    {
        Path = System.IO.Path.Combine(directory, FileName);
        _file = new FileStream(Path, FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024);
        _json = new Utf8JsonWriter(_file, new JsonWriterOptions { SkipValidation = true });
    }

    public string Path { get; }

    public void Append(RequestRecord record)
    {
        _json.Reset();
        _json.WriteStartObject();
        _json.WriteNumber("seq", record.Seq);
        _json.WriteBoolean("warmup", record.Warmup);
        WriteStringOrNull("stage", record.Stage);
        WriteStringOrNull("category", record.Category);
        if (record.SessionId is { } session)
        {
            _json.WriteNumber("session_id", session);
            _json.WriteNumber("turn", record.Turn!.Value);
            _json.WriteNumber("session_turns", record.SessionTurns!.Value);
        }
        WriteStringOrNull("response_id", record.ResponseId);
        _json.WriteNumber("status", record.Status);
        WriteStringOrNull("error_class", record.Error?.ToWireName());
        WriteStringOrNull("error_message", record.ErrorMessage);
        _json.WriteNumber("scheduled_ms", Ms(record.ScheduledMs));
        _json.WriteNumber("sent_ms", Ms(record.SentMs));
        _json.WriteNumber("schedule_lag_ms", Ms(record.ScheduleLagMs));
        WriteNumberOrNull("ttft_ms", record.TtftMs);
        WriteNumberOrNull("e2e_ms", record.E2eMs);
        WriteNumberOrNull("tpot_ms", record.TpotMs);
        _json.WriteNumber("chunks", record.Chunks);
        WriteNumberOrNull("input_tokens", record.InputTokens);
        WriteNumberOrNull("output_tokens", record.OutputTokens);
        _json.WriteString("token_source", record.TokenSource);
        WriteStringOrNull("finish_reason", record.FinishReason);
        WriteNumberOrNull("cached_tokens", record.CachedTokens);
        if (record.CostUsd is { } cost)
        {
            _json.WriteNumber("cost_usd", Cost.Usd.Normalize(cost));
        }
        else
        {
            _json.WriteNull("cost_usd");
        }

        _json.WriteNumber("max_tokens", record.MaxTokens);
        _json.WriteNumber("input_tokens_tokenizer", record.InputTokensTokenizer);
        WriteNumberOrNull("output_tokens_tokenizer", record.OutputTokensTokenizer);
        WriteNumberOrNull("ratelimit_remaining_requests", record.RateLimit.RemainingRequests);
        WriteNumberOrNull("ratelimit_remaining_tokens", record.RateLimit.RemainingTokens);
        WriteNumberOrNull("retry_after_s", record.RateLimit.RetryAfterSeconds);
        _json.WriteEndObject();
        _json.Flush();
        _file.WriteByte((byte)'\n');
    }

    /// <summary>Pushes what was appended to the operating system.</summary>
    public void Flush() => _file.Flush();

    public void Dispose()
    {
        _json.Dispose();
        _file.Dispose();
    }

    private static double Ms(double value) => Math.Round(value, 3);

    private void WriteStringOrNull(string name, string? value)
    {
        if (value is null)
        {
            _json.WriteNull(name);
        }
        else
        {
            _json.WriteString(name, value);
        }
    }

    private void WriteNumberOrNull(string name, double? value)
    {
        if (value is { } number)
        {
            _json.WriteNumber(name, Ms(number));
        }
        else
        {
            _json.WriteNull(name);
        }
    }
}
