using System.Text.Json;
using LlmLoad.Providers;
using LlmLoad.Shared;

namespace LlmLoad.Recording;

/// <summary>
/// Appends requests.jsonl. Each batch is flushed to the OS as soon as it is written, so a crash or
/// Ctrl-C loses nothing that had finished.
/// </summary>
internal sealed class RequestLog : IRequestSink, IDisposable
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
        _json.WriteStringOrNull("stage", record.Stage);
        _json.WriteStringOrNull("category", record.Category);
        if (record.SessionId is { } session)
        {
            _json.WriteNumber("session_id", session);
            _json.WriteNumber("turn", record.Turn!.Value);
            _json.WriteNumber("session_turns", record.SessionTurns!.Value);
        }
        _json.WriteStringOrNull("response_id", record.ResponseId);
        _json.WriteNumber("status", record.Status);
        _json.WriteStringOrNull("error_class", record.Error?.ToWireName());
        _json.WriteStringOrNull("error_message", record.ErrorMessage);
        _json.WriteNumber("scheduled_ms", Ms(record.ScheduledMs));
        _json.WriteNumber("sent_ms", Ms(record.SentMs));
        _json.WriteNumber("schedule_lag_ms", Ms(record.ScheduleLagMs));
        _json.WriteNumberOrNull("ttft_ms", Ms(record.TtftMs));
        _json.WriteNumberOrNull("e2e_ms", Ms(record.E2eMs));
        _json.WriteNumberOrNull("tpot_ms", Ms(record.TpotMs));
        _json.WriteNumber("chunks", record.Chunks);
        _json.WriteNumberOrNull("input_tokens", record.InputTokens);
        _json.WriteNumberOrNull("output_tokens", record.OutputTokens);
        _json.WriteString("token_source", record.TokenSource);
        _json.WriteStringOrNull("finish_reason", record.FinishReason);
        _json.WriteNumberOrNull("cached_tokens", record.CachedTokens);
        _json.WriteNumberOrNull("cost_usd", record.CostUsd);
        _json.WriteNumber("max_tokens", record.MaxTokens);
        _json.WriteNumber("input_tokens_tokenizer", record.InputTokensTokenizer);
        _json.WriteNumberOrNull("output_tokens_tokenizer", record.OutputTokensTokenizer);
        _json.WriteNumberOrNull("ratelimit_remaining_requests", record.RateLimit.RemainingRequests);
        _json.WriteNumberOrNull("ratelimit_remaining_tokens", record.RateLimit.RemainingTokens);
        _json.WriteNumberOrNull("retry_after_s", Ms(record.RateLimit.RetryAfterSeconds));
        _json.WriteNumberOrNull("ttfo_ms", Ms(record.TtfoMs));
        _json.WriteNumberOrNull("reasoning_tokens", record.ReasoningTokens);
        _json.WriteNumber("reasoning_chunks", record.ReasoningChunks);
        _json.WriteStringOrNull("http_version", record.HttpVersion);
        _json.WriteNumberOrNull("inputs", record.Inputs);
        _json.WriteNumber("in_flight_at_send", record.InFlightAtSend);
        _json.WriteStringOrNull("rate_limit_kind", record.RateLimitKind?.ToWireName());
        _json.WriteNumberOrNull("ratelimit_reset_requests_s", Ms(record.RateLimit.ResetRequestsSeconds));
        _json.WriteNumberOrNull("ratelimit_reset_tokens_s", Ms(record.RateLimit.ResetTokensSeconds));
        _json.WriteNumberOrNull("ratelimit_remaining_input_tokens", record.RateLimit.InputTokens.Remaining);
        _json.WriteNumberOrNull("ratelimit_remaining_output_tokens", record.RateLimit.OutputTokens.Remaining);
        _json.WriteNumber("attempts", record.Attempts);
        _json.WriteStartArray("attempt_statuses");
        foreach (var status in record.AttemptStatuses)
        {
            _json.WriteNumberValue(status);
        }

        _json.WriteEndArray();
        if (record.Target is not null)
        {
            _json.WriteStartArray("attempt_targets");
            foreach (var target in record.AttemptTargets)
            {
                _json.WriteStringValue(target);
            }

            _json.WriteEndArray();
        }

        if (record.Attempts > 1)
        {
            _json.WriteStartArray("attempt_retry_after_ms");
            foreach (var wait in record.AttemptRetryAfterMs)
            {
                if (wait is { } ms)
                {
                    _json.WriteNumberValue(Ms(ms));
                }
                else
                {
                    _json.WriteNullValue();
                }
            }

            _json.WriteEndArray();
        }

        _json.WriteNumber("retry_wait_ms", Ms(record.RetryWaitMs));
        _json.WriteNumber("last_sent_ms", Ms(record.LastSentMs));
        _json.WriteNumberOrNull("last_attempt_ttft_ms", Ms(record.LastAttemptTtftMs));
        _json.WriteNumberOrNull("last_attempt_e2e_ms", Ms(record.LastAttemptE2eMs));
        _json.WriteStringOrNull("target", record.Target);
        _json.WriteStringOrNull("failover_from", record.FailoverFrom);
        _json.WriteEndObject();
        _json.Flush();
        _file.WriteByte((byte)'\n');
    }

    public void OnRecord(RequestMeasurement measurement) => Append(measurement.Record);

    /// <summary>Pushes what was appended to the operating system after each batch the recorder drains.</summary>
    public void OnIdle() => Flush();

    public void Complete() => Flush();

    public void Flush() => _file.Flush();

    public void Dispose()
    {
        _json.Dispose();
        _file.Dispose();
    }

    private static double Ms(double value) => Math.Round(value, 3);

    private static double? Ms(double? value) => value is { } ms ? Ms(ms) : null;
}
