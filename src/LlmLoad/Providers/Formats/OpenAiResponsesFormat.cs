using System.Net.Http.Headers;
using System.Text.Json;
using LlmLoad.Shared;
using LlmLoad.Workload;

namespace LlmLoad.Providers.Formats;

/// <summary>
/// OpenAI's Responses API (<c>POST {base}/responses</c>; wire shape in docs/providers.md). A stream is typed
/// events, each named on its <c>event:</c> line and again in its data's <c>type</c>; it has no <c>[DONE]</c>
/// and ends with one terminal event (<c>response.completed</c>, <c>.incomplete</c>, <c>.failed</c>, or <c>error</c>).
/// The API has no finish_reason: the terminal status is mapped to chat completions' words (see <see cref="FinishReason"/>).
/// </summary>
internal sealed record OpenAiResponsesFormat : IWireFormat
{
    /// <summary>The smallest <c>max_output_tokens</c> the API takes: less is refused with a 400 (<c>integer_below_min_value</c>).</summary>
    public const int MinOutputTokens = 16;

    public static Provider Provider { get; } = new("openai-responses", "responses", "OPENAI_API_KEY", "Authorization: Bearer", Create)
    {
        Settings = ["reasoning-summary"],
    };

    /// <summary><c>reasoning.summary</c> values the API takes.</summary>
    public static IReadOnlyList<string> ReasoningSummaries { get; } = ["auto", "concise", "detailed"];

    /// <summary><c>reasoning.summary</c> to ask for (<c>--reasoning-summary</c>); null asks for none, and a reasoning model's reasoning is never streamed.</summary>
    public string? ReasoningSummary { get; init; }

    public Uri Endpoint(Uri baseUrl, string model, bool stream) => WireJson.Endpoint(baseUrl, "/responses");

    public RateLimitObservation ReadRateLimits(HttpResponseHeaders headers, DateTimeOffset now) => RateLimitObservation.From(headers, now, RateLimitHeaders.OpenAi);

    public void AddHeaders(HttpRequestMessage request, string? apiKey)
    {
        if (apiKey is { Length: > 0 })
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
    }

    /// <summary>
    /// Refuses what the API would refuse on every request (the registry refuses another provider's max-tokens
    /// field): a fixed output length under the API's floor (a distribution's draws below it are left to the server's 400).
    /// </summary>
    private static OpenAiResponsesFormat Create(ScenarioSettings settings, List<string> errors)
    {
        if (settings["output-tokens"] is { } output
            && LengthDistribution.TryParse(output.Value, out var length, out _)
            && length is LengthDistribution.Fixed { Tokens: < MinOutputTokens } fixedLength)
        {
            errors.Add($"{output.Label}: the Responses API refuses max_output_tokens below {MinOutputTokens} (HTTP 400), got {fixedLength.Tokens}");
        }

        return new OpenAiResponsesFormat { ReasoningSummary = settings.Read("reasoning-summary", v => SettingParsers.OneOf(v, ReasoningSummaries), errors) };
    }

    /// <summary>
    /// The conversation goes in <c>input</c> as role/content messages, system turns inline and in order, as
    /// chat completions sends them, so one workload sends the same prompt to both OpenAI APIs. <c>store: false</c>:
    /// the API otherwise keeps every response (30 days), and a load test would fill the user's stored responses
    /// with thousands of synthetic ones; nothing here reads a response back.
    /// </summary>
    public byte[] BuildBody(string model, IReadOnlyList<ChatTurn> messages, int maxTokens, bool stream) => BuildBody(model, messages, maxTokens, stream, -1, []);

    public byte[] BuildBody(string model, IReadOnlyList<ChatTurn> messages, int maxTokens, bool stream, long session, IReadOnlyList<ToolDefinition> tools) => WireJson.Body(messages, json =>
    {
        json.WriteString("model", model);
        WireJson.WriteMessages(json, messages, "input");
        json.WriteNumber("max_output_tokens", maxTokens);
        json.WriteBoolean("stream", stream);
        json.WriteBoolean("store", false);
        if (ReasoningSummary is { } summary)
        {
            json.WriteStartObject("reasoning");
            json.WriteString("summary", summary);
            json.WriteEndObject();
        }

        ToolJson.WriteResponses(json, tools);
    });

    public bool ApplyStreamEvent(ReadOnlySpan<byte> eventType, ReadOnlySpan<byte> data, long arrivedAt, ResponseCapture capture)
    {
        // A gateway that drops the event: lines still names the type in the data.
        var type = eventType.SequenceEqual("message"u8) ? TypeOf(data) : eventType;
        if (type.SequenceEqual("response.output_text.delta"u8)
            || type.SequenceEqual("response.refusal.delta"u8)
            || type.SequenceEqual("response.function_call_arguments.delta"u8)
            || type.SequenceEqual("response.custom_tool_call_input.delta"u8))
        {
            // A refusal and a tool call's arguments are the answer too: generated tokens the user waits for.
            if (AppendDelta(data, capture))
            {
                capture.AddContentChunk(arrivedAt);
            }
        }
        else if (type.SequenceEqual("response.reasoning_summary_text.delta"u8) || type.SequenceEqual("response.reasoning_text.delta"u8))
        {
            if (AppendDelta(data, capture))
            {
                capture.AddReasoningChunk(arrivedAt);
            }
        }
        else if (type.SequenceEqual("response.created"u8) || type.SequenceEqual("response.in_progress"u8))
        {
            ApplyEventResponse(data, capture);
        }
        else if (type.SequenceEqual("response.completed"u8) || type.SequenceEqual("response.incomplete"u8) || type.SequenceEqual("response.failed"u8))
        {
            ApplyEventResponse(data, capture);
            return true;
        }
        else if (type.SequenceEqual("error"u8))
        {
            capture.Fail(ErrorClass.StreamError, "error event in stream: " + ErrorEventMessage(data));
            return true;
        }

        // Item and part boundaries, .done events that repeat the text, and types added later carry nothing new.
        return false;
    }

    public void ApplyBody(ReadOnlySpan<byte> body, long arrivedAt, ResponseCapture capture)
    {
        var reader = WireJson.StartObject(body);
        var text = new ResponsesOutputText();
        ReadResponse(ref reader, capture, ref text, readOutput: true);

        // One body is one chunk; it is the answer's first chunk (TTFO) when it carries any of the answer.
        if (text.AnswerBytes > 0)
        {
            capture.AddContentChunk(arrivedAt);
        }
        else if (text.ReasoningBytes > 0)
        {
            capture.AddReasoningChunk(arrivedAt);
        }

        if (capture.Succeeded && capture.ResponseId is null)
        {
            capture.Fail(ErrorClass.StreamError, "response body is not a response");
        }
    }

    /// <summary>
    /// The Responses API's terminal status in chat completions' finish_reason words, so that results compare
    /// across APIs and a cut-off answer counts as truncated: <c>completed</c> is <c>stop</c> (<c>tool_calls</c>
    /// when the output has a tool call), <c>incomplete</c> for <c>max_output_tokens</c> is <c>length</c>, for
    /// <c>content_filter</c> (or any other reason) that reason; a response still in progress or failed has none.
    /// </summary>
    public static string? FinishReason(string? status, string? incompleteReason, bool calledTool) => status switch
    {
        "completed" => calledTool ? "tool_calls" : "stop",
        "incomplete" => incompleteReason switch
        {
            "max_output_tokens" => "length",
            null => "incomplete",
            _ => incompleteReason,
        },
        "cancelled" => "cancelled",
        _ => null,
    };

    /// <summary>The <c>type</c> of an event's data; its span points into <paramref name="data"/>.</summary>
    private static ReadOnlySpan<byte> TypeOf(ReadOnlySpan<byte> data)
    {
        var reader = WireJson.StartObject(data);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isType = reader.ValueTextEquals("type"u8);
            reader.Read();
            if (isType && reader.TokenType == JsonTokenType.String)
            {
                return reader.ValueSpan;
            }

            reader.Skip();
        }

        return default;
    }

    /// <summary>Appends a delta event's <c>delta</c> text; true when it carried any.</summary>
    private static bool AppendDelta(ReadOnlySpan<byte> data, ResponseCapture capture)
    {
        var reader = WireJson.StartObject(data);
        var before = capture.Text.WrittenCount;
        WireJson.AppendTextProperties(ref reader, capture, static (ref Utf8JsonReader r) => r.ValueTextEquals("delta"u8));
        return capture.Text.WrittenCount > before;
    }

    /// <summary>
    /// Reads the <c>response</c> of a lifecycle event: its id, and at the end its status, usage or error.
    /// Its output is not read again: the deltas already delivered that text.
    /// </summary>
    private static void ApplyEventResponse(ReadOnlySpan<byte> data, ResponseCapture capture)
    {
        var reader = WireJson.StartObject(data);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isResponse = reader.ValueTextEquals("response"u8);
            reader.Read();
            if (isResponse && reader.TokenType == JsonTokenType.StartObject)
            {
                var text = new ResponsesOutputText();
                ReadResponse(ref reader, capture, ref text, readOutput: false);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    /// <summary>
    /// Reads a response object the reader is in: id, status and incomplete reason (mapped to a finish reason),
    /// usage, an error (a failed response, or the error envelope a 200 body can carry), and with
    /// <paramref name="readOutput"/> the text of its output items.
    /// </summary>
    private static void ReadResponse(ref Utf8JsonReader reader, ResponseCapture capture, ref ResponsesOutputText text, bool readOutput)
    {
        string? status = null, incompleteReason = null, errorCode = null, errorMessage = null;
        var hasError = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                capture.ResponseId ??= reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("status"u8))
            {
                reader.Read();
                status = reader.TokenType == JsonTokenType.String ? reader.GetString() : status;
            }
            else if (reader.ValueTextEquals("incomplete_details"u8))
            {
                reader.Read();
                incompleteReason = ReadStringProperty(ref reader, "reason"u8, out _) ?? incompleteReason;
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                hasError = reader.TokenType is not JsonTokenType.Null;
                errorMessage = ReadStringProperty(ref reader, "message"u8, out errorCode);
            }
            else if (reader.ValueTextEquals("output"u8))
            {
                reader.Read();
                ReadOutput(ref reader, capture, ref text, readOutput);
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

        if (status == "failed" || hasError)
        {
            var what = status == "failed" ? "response.failed in stream" : "error in response";
            capture.Fail(ErrorClass.StreamError, $"{what}{(errorCode is null ? "" : $" ({errorCode})")}: {errorMessage ?? "no message"}");
            return;
        }

        capture.FinishReason = FinishReason(status, incompleteReason, text.CalledTool) ?? capture.FinishReason;
    }

    /// <summary>
    /// The output items: with <paramref name="readText"/>, the text of messages (<c>output_text</c>, <c>refusal</c>),
    /// reasoning items (<c>summary</c> and <c>content</c>), tool calls' <c>arguments</c>; always whether one was a tool call.
    /// </summary>
    private static void ReadOutput(ref Utf8JsonReader reader, ResponseCapture capture, ref ResponsesOutputText text, bool readText)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var before = capture.Text.WrittenCount;
            var isReasoning = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    isReasoning |= reader.ValueTextEquals("reasoning"u8);
                    text.CalledTool |= reader.ValueTextEquals("function_call"u8) || reader.ValueTextEquals("custom_tool_call"u8);
                }
                else if (readText && (reader.ValueTextEquals("arguments"u8) || reader.ValueTextEquals("input"u8)))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        capture.AppendText(ref reader);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                else if (readText && (reader.ValueTextEquals("content"u8) || reader.ValueTextEquals("summary"u8)))
                {
                    reader.Read();
                    ReadParts(ref reader, capture);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            // The item's type may come after its text, so its bytes are classed once the item is read.
            var added = capture.Text.WrittenCount - before;
            if (isReasoning)
            {
                text.ReasoningBytes += added;
            }
            else
            {
                text.AnswerBytes += added;
            }
        }
    }

    /// <summary>Content or summary parts: <c>output_text</c>, <c>summary_text</c> and <c>reasoning_text</c> have <c>text</c>, a refusal its <c>refusal</c>.</summary>
    private static void ReadParts(ref Utf8JsonReader reader, ResponseCapture capture)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            WireJson.AppendTextProperties(ref reader, capture, static (ref Utf8JsonReader r) => r.ValueTextEquals("text"u8) || r.ValueTextEquals("refusal"u8));
        }
    }

    /// <summary>
    /// <c>input_tokens</c> (the whole prompt, cached part included), <c>input_tokens_details.cached_tokens</c>,
    /// <c>output_tokens</c> (reasoning included) and <c>output_tokens_details.reasoning_tokens</c>.
    /// </summary>
    private static void ReadUsage(ref Utf8JsonReader reader, ResponseCapture capture)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("input_tokens"u8))
            {
                reader.Read();
                capture.UsageInputTokens = reader.TokenType == JsonTokenType.Number ? reader.GetInt32() : capture.UsageInputTokens;
            }
            else if (reader.ValueTextEquals("output_tokens"u8))
            {
                reader.Read();
                capture.UsageOutputTokens = reader.TokenType == JsonTokenType.Number ? reader.GetInt32() : capture.UsageOutputTokens;
            }
            else if (reader.ValueTextEquals("input_tokens_details"u8))
            {
                reader.Read();
                capture.UsageCachedTokens = ReadNumberProperty(ref reader, "cached_tokens"u8) ?? capture.UsageCachedTokens;
            }
            else if (reader.ValueTextEquals("output_tokens_details"u8))
            {
                reader.Read();
                capture.UsageReasoningTokens = ReadNumberProperty(ref reader, "reasoning_tokens"u8) ?? capture.UsageReasoningTokens;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary>
    /// The message of an <c>error</c> event: top-level (<c>{"type":"error","code","message","param"}</c>, as the
    /// SDKs type it) or nested in an <c>error</c> object, as some servers send it.
    /// </summary>
    private static string ErrorEventMessage(ReadOnlySpan<byte> data)
    {
        var reader = WireJson.StartObject(data);
        var message = ReadStringProperty(ref reader, "message"u8, out var code);
        return message is null ? HttpErrorClassifier.Message(data) : code is null ? message : $"{message} ({code})";
    }

    /// <summary>A string property of the object the reader is on (null if absent, or if it is not an object), and its <c>code</c>.</summary>
    private static string? ReadStringProperty(ref Utf8JsonReader reader, ReadOnlySpan<byte> name, out string? code)
    {
        code = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        string? value = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isValue = reader.ValueTextEquals(name);
            var isCode = reader.ValueTextEquals("code"u8);
            reader.Read();
            if (isValue && reader.TokenType == JsonTokenType.String)
            {
                value = reader.GetString();
            }
            else if (isCode && reader.TokenType == JsonTokenType.String)
            {
                code = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        return value;
    }

    private static int? ReadNumberProperty(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        int? value = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isValue = reader.ValueTextEquals(name);
            reader.Read();
            if (isValue && reader.TokenType == JsonTokenType.Number)
            {
                value = reader.GetInt32();
            }
            else
            {
                reader.Skip();
            }
        }

        return value;
    }
}
