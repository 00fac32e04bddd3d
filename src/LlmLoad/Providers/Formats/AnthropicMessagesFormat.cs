using System.Net.Http.Headers;
using System.Text.Json;
using LlmLoad.Shared;
using LlmLoad.Workload;

namespace LlmLoad.Providers.Formats;

/// <summary>
/// Anthropic Messages (<c>POST {base}/messages</c>; wire shape in docs/providers.md).
/// Usage comes in two parts: input in <c>message_start</c>, output (cumulative, the last one final)
/// in <c>message_delta</c>; cached input is counted apart from <c>input_tokens</c>, so the total input
/// is the sum of the three input counts.
/// </summary>
internal sealed record AnthropicMessagesFormat : IWireFormat
{
    /// <summary>The API version the official SDKs send.</summary>
    public const string ApiVersion = "2023-06-01";

    /// <summary>The smallest <c>thinking.budget_tokens</c> the API accepts.</summary>
    public const int MinThinkingBudget = 1024;

    public static Provider Provider { get; } = new("anthropic", "messages", "ANTHROPIC_API_KEY", "x-api-key", Create)
    {
        Settings = ["thinking-budget"],
    };

    /// <summary><c>thinking.budget_tokens</c> to send (<c>--thinking-budget</c>): extended thinking on; null leaves it off.</summary>
    public int? ThinkingBudget { get; init; }

    /// <summary>
    /// The format with its one setting; a fixed output cap not above the budget is refused, as the API refuses it
    /// (<c>max_tokens</c> must be greater than <c>budget_tokens</c>).
    /// </summary>
    private static AnthropicMessagesFormat Create(ScenarioSettings settings, List<string> errors)
    {
        var budget = settings.Read("thinking-budget", v => SettingParsers.Int(v, MinThinkingBudget), errors);
        if (budget is { } tokens && settings["output-tokens"] is { } output
            && LengthDistribution.TryParse(output.Value, out var length, out _)
            && length is LengthDistribution.Fixed fixedLength && fixedLength.Tokens <= tokens)
        {
            errors.Add($"{output.Label}: with a thinking budget of {tokens} the output cap must be greater (the API refuses max_tokens <= budget_tokens), got {fixedLength.Tokens}");
        }

        return new AnthropicMessagesFormat { ThinkingBudget = budget };
    }

    public Uri Endpoint(Uri baseUrl, string model, bool stream) => WireJson.Endpoint(baseUrl, "/messages");

    public RateLimitObservation ReadRateLimits(HttpResponseHeaders headers, DateTimeOffset now) => RateLimitObservation.From(headers, now, RateLimitHeaders.Anthropic);

    public void AddHeaders(HttpRequestMessage request, string? apiKey)
    {
        request.Headers.Add("anthropic-version", ApiVersion);
        if (apiKey is { Length: > 0 })
        {
            request.Headers.Add("x-api-key", apiKey);
        }
    }

    /// <summary>System turns go to the top-level <c>system</c> field: the Messages API takes only user and assistant turns in <c>messages</c>.</summary>
    public byte[] BuildBody(string model, IReadOnlyList<ChatTurn> messages, int maxTokens, bool stream) => BuildBody(model, messages, maxTokens, stream, -1, []);

    public byte[] BuildBody(string model, IReadOnlyList<ChatTurn> messages, int maxTokens, bool stream, long session, IReadOnlyList<ToolDefinition> tools) => WireJson.Body(messages, json =>
    {
        json.WriteString("model", model);
        if (messages.Any(m => m.Role == "system"))
        {
            json.WriteString("system", string.Join("\n\n", messages.Where(m => m.Role == "system").Select(m => m.Content)));
        }

        WireJson.WriteMessages(json, messages.Where(m => m.Role != "system"));
        json.WriteNumber("max_tokens", maxTokens);
        json.WriteBoolean("stream", stream);
        if (ThinkingBudget is { } budget)
        {
            json.WriteStartObject("thinking");
            json.WriteString("type", "enabled");
            json.WriteNumber("budget_tokens", budget);
            json.WriteEndObject();
        }

        ToolJson.WriteAnthropic(json, tools);
    });

    public bool ApplyStreamEvent(ReadOnlySpan<byte> eventType, ReadOnlySpan<byte> data, long arrivedAt, ResponseCapture capture)
    {
        if (eventType.SequenceEqual("content_block_delta"u8))
        {
            ApplyDelta(data, arrivedAt, capture);
        }
        else if (eventType.SequenceEqual("message_start"u8) || eventType.SequenceEqual("message_delta"u8))
        {
            ApplyMessage(data, arrivedAt, capture);
        }
        else if (eventType.SequenceEqual("message_stop"u8))
        {
            return true;
        }
        else if (eventType.SequenceEqual("error"u8))
        {
            capture.Fail(ErrorClass.StreamError, "error event in stream: " + HttpErrorClassifier.Message(data));
            return true;
        }

        // ping, content_block_start/stop and event types added later carry nothing we measure.
        return false;
    }

    public void ApplyBody(ReadOnlySpan<byte> body, long arrivedAt, ResponseCapture capture)
    {
        ApplyMessage(body, arrivedAt, capture);
        if (capture.ResponseId is null)
        {
            capture.Fail(ErrorClass.StreamError, "response body is not a message");
        }
    }

    /// <summary>
    /// <c>{"type":"content_block_delta","delta":{"type":"text_delta","text":"…"}}</c>. A <c>thinking_delta</c>'s
    /// <c>thinking</c> is reasoning; a tool call's <c>input_json_delta</c> (<c>partial_json</c>) is generated
    /// answer content like text; a <c>signature_delta</c> carries no token.
    /// </summary>
    private static void ApplyDelta(ReadOnlySpan<byte> data, long arrivedAt, ResponseCapture capture)
    {
        var reader = WireJson.StartObject(data);
        var textBefore = capture.Text.WrittenCount;
        var reasoning = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isDelta = reader.ValueTextEquals("delta"u8);
            reader.Read();
            if (isDelta && reader.TokenType == JsonTokenType.StartObject)
            {
                reasoning |= ReadDeltaText(ref reader, capture);
            }
            else
            {
                reader.Skip();
            }
        }

        if (capture.Text.WrittenCount > textBefore)
        {
            if (reasoning)
            {
                capture.AddReasoningChunk(arrivedAt);
            }
            else
            {
                capture.AddContentChunk(arrivedAt);
            }
        }
    }

    /// <summary>Appends a delta's text, thinking or partial JSON; returns true when it was thinking.</summary>
    private static bool ReadDeltaText(ref Utf8JsonReader reader, ResponseCapture capture)
    {
        var thinking = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isThinking = reader.ValueTextEquals("thinking"u8);
            var isText = isThinking || reader.ValueTextEquals("text"u8) || reader.ValueTextEquals("partial_json"u8);
            reader.Read();
            if (isText && reader.TokenType == JsonTokenType.String)
            {
                capture.AppendText(ref reader);
                thinking |= isThinking;
            }
            else
            {
                reader.Skip();
            }
        }

        return thinking;
    }

    /// <summary>
    /// Reads a message (a <c>message_start</c>'s <c>message</c>, a <c>message_delta</c>, or a whole
    /// buffered response): id, text content, stop reason and usage, wherever they appear.
    /// </summary>
    private static void ApplyMessage(ReadOnlySpan<byte> data, long arrivedAt, ResponseCapture capture)
    {
        var reader = WireJson.StartObject(data);
        var textBefore = capture.Text.WrittenCount;
        ReadMessageFields(ref reader, capture);
        if (capture.Text.WrittenCount > textBefore)
        {
            capture.AddContentChunk(arrivedAt);
        }
    }

    private static void ReadMessageFields(ref Utf8JsonReader reader, ResponseCapture capture)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("message"u8) || reader.ValueTextEquals("delta"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    ReadMessageFields(ref reader, capture);
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                capture.ResponseId ??= reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("stop_reason"u8))
            {
                reader.Read();
                capture.FinishReason = reader.TokenType == JsonTokenType.String ? reader.GetString() : capture.FinishReason;
            }
            else if (reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                ReadContentBlocks(ref reader, capture);
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                ReadUsage(ref reader, capture);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static void ReadContentBlocks(ref Utf8JsonReader reader, ResponseCapture capture)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            ReadText(ref reader, capture);
        }
    }

    /// <summary>Appends the <c>text</c> or <c>thinking</c> of the object the reader is in.</summary>
    private static void ReadText(ref Utf8JsonReader reader, ResponseCapture capture)
        => WireJson.AppendTextProperties(ref reader, capture, static (ref Utf8JsonReader r) => r.ValueTextEquals("text"u8) || r.ValueTextEquals("thinking"u8));

    private static void ReadUsage(ref Utf8JsonReader reader, ResponseCapture capture)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        int? input = null, cacheWrite = null, cacheRead = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ref var target = ref input;
            var known = true;
            if (reader.ValueTextEquals("output_tokens"u8))
            {
                reader.Read();
                // Cumulative: each message_delta repeats the total so far; the last one is final.
                capture.UsageOutputTokens = reader.TokenType == JsonTokenType.Number ? reader.GetInt32() : capture.UsageOutputTokens;
                continue;
            }

            if (reader.ValueTextEquals("cache_creation_input_tokens"u8))
            {
                target = ref cacheWrite;
            }
            else if (reader.ValueTextEquals("cache_read_input_tokens"u8))
            {
                target = ref cacheRead;
            }
            else if (!reader.ValueTextEquals("input_tokens"u8))
            {
                known = false;
            }

            reader.Read();
            if (known && reader.TokenType == JsonTokenType.Number)
            {
                target = reader.GetInt32();
            }
            else
            {
                reader.Skip();
            }
        }

        if (input is not null || cacheWrite is not null || cacheRead is not null)
        {
            capture.UsageInputTokens = (input ?? 0) + (cacheWrite ?? 0) + (cacheRead ?? 0);
            capture.UsageCachedTokens = cacheRead ?? capture.UsageCachedTokens;
        }
    }
}
