using System.Net.Http.Headers;
using System.Text.Json;
using LlmLoad.Shared;
using LlmLoad.Workload;

namespace LlmLoad.Providers.Formats;

/// <summary>
/// OpenAI chat completions (<c>POST {base}/chat/completions</c>), also spoken by vLLM, SGLang, TGI,
/// llama.cpp and most gateways (wire shape in docs/providers.md). Its reading of answers also serves the
/// formats built on it: Azure OpenAI's (<see cref="AzureOpenAiFormat"/>) and the legacy completions
/// (<see cref="OpenAiCompletionsFormat"/>), whose choices carry <c>text</c> instead of a message.
/// </summary>
/// <param name="MaxTokensField">The body field of the output cap: o-series models take only <c>max_completion_tokens</c>.</param>
internal sealed record OpenAiChatFormat(string MaxTokensField = OpenAiChatFormat.DefaultMaxTokensField) : IWireFormat
{
    public const string DefaultMaxTokensField = "max_tokens";

    public static IReadOnlyList<string> MaxTokensFields { get; } = [DefaultMaxTokensField, "max_completion_tokens"];

    public static Provider Provider { get; } = new("openai", "chat completions", "OPENAI_API_KEY", "Authorization: Bearer", FromSettings)
    {
        Settings = ["max-tokens-field"],
        ListsModels = true,
    };

    /// <summary>The format with its one setting, <c>max-tokens-field</c>; also what the formats built on this one read.</summary>
    public static OpenAiChatFormat FromSettings(ScenarioSettings settings, List<string> errors)
        => new(settings.Read("max-tokens-field", v => SettingParsers.OneOf(v, MaxTokensFields), errors) ?? DefaultMaxTokensField);

    public Uri Endpoint(Uri baseUrl, string model, bool stream) => WireJson.Endpoint(baseUrl, "/chat/completions");

    public RateLimitObservation ReadRateLimits(HttpResponseHeaders headers, DateTimeOffset now) => RateLimitObservation.From(headers, now, RateLimitHeaders.OpenAi);

    public void AddHeaders(HttpRequestMessage request, string? apiKey)
    {
        if (apiKey is { Length: > 0 })
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
    }

    public byte[] BuildBody(string model, IReadOnlyList<ChatTurn> messages, int maxTokens, bool stream) => BuildBody(model, messages, maxTokens, stream, -1, []);

    public byte[] BuildBody(string model, IReadOnlyList<ChatTurn> messages, int maxTokens, bool stream, long session, IReadOnlyList<ToolDefinition> tools) => WireJson.Body(messages, json =>
    {
        json.WriteString("model", model);
        WireJson.WriteMessages(json, messages);
        json.WriteNumber(MaxTokensField, maxTokens);
        WriteStream(json, stream);
        ToolJson.WriteChat(json, tools);
    });

    /// <summary><c>stream</c>, and on a stream the usage it must be asked for: OpenAI's chat and legacy completions share both.</summary>
    public static void WriteStream(Utf8JsonWriter json, bool stream)
    {
        json.WriteBoolean("stream", stream);
        if (stream)
        {
            // Without this the server never reports token usage on a stream (docs/providers.md).
            json.WriteStartObject("stream_options");
            json.WriteBoolean("include_usage", true);
            json.WriteEndObject();
        }
    }

    public bool ApplyStreamEvent(ReadOnlySpan<byte> eventType, ReadOnlySpan<byte> data, long arrivedAt, ResponseCapture capture)
    {
        if (data.SequenceEqual("[DONE]"u8))
        {
            return true;
        }

        return ApplyObject(data, arrivedAt, capture);
    }

    public void ApplyBody(ReadOnlySpan<byte> body, long arrivedAt, ResponseCapture capture)
    {
        ApplyObject(body, arrivedAt, capture);
        if (capture.Succeeded && capture.ResponseId is null && capture.ChunkTimes.Count == 0 && capture.FinishReason is null)
        {
            capture.Fail(ErrorClass.StreamError, "response body is not a completion: no id, choices or finish reason");
        }
    }

    /// <summary>Reads a chunk or a whole completion; returns true if it carried an error (which ends the stream).</summary>
    private static bool ApplyObject(ReadOnlySpan<byte> json, long arrivedAt, ResponseCapture capture)
    {
        var reader = WireJson.StartObject(json);

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                // Azure's first chunk, which carries only its prompt filter results, has an empty id.
                if (capture.ResponseId is null && reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 0)
                {
                    capture.ResponseId = reader.GetString();
                }
            }
            else if (reader.ValueTextEquals("choices"u8))
            {
                reader.Read();
                ReadChoices(ref reader, arrivedAt, capture);
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                ReadUsage(ref reader, capture);
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Null)
                {
                    capture.Fail(ErrorClass.StreamError, "error event in stream: " + HttpErrorClassifier.Message(json));
                    return true;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return false;
    }

    private static void ReadChoices(ref Utf8JsonReader reader, long arrivedAt, ResponseCapture capture)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        var answerBytes = 0;
        var reasoningBytes = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("delta"u8) || reader.ValueTextEquals("message"u8))
                {
                    reader.Read();
                    ReadMessage(ref reader, capture, ref answerBytes, ref reasoningBytes);
                }
                else if (reader.ValueTextEquals("text"u8))
                {
                    // A legacy completion's choice (POST /completions) carries its text itself.
                    reader.Read();
                    answerBytes += AppendString(ref reader, capture);
                }
                else if (reader.ValueTextEquals("finish_reason"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        capture.FinishReason = reader.GetString();
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }

        // A role-only or empty delta is not generated content, so it does not start the clock of TTFT;
        // a chunk of reasoning alone starts TTFT but not TTFO, which waits for the answer (text or a tool call).
        if (answerBytes > 0)
        {
            capture.AddContentChunk(arrivedAt);
        }
        else if (reasoningBytes > 0)
        {
            capture.AddReasoningChunk(arrivedAt);
        }
    }

    /// <summary>
    /// A delta or message: <c>content</c> and tool calls are the answer; <c>reasoning_content</c> (DeepSeek, SGLang, vLLM
    /// before 0.11) and <c>reasoning</c> (vLLM 0.11 on) are the model's thinking, generated output too, that comes first.
    /// </summary>
    private static void ReadMessage(ref Utf8JsonReader reader, ResponseCapture capture, ref int answerBytes, ref int reasoningBytes)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                answerBytes += AppendString(ref reader, capture);
            }
            else if (reader.ValueTextEquals("reasoning_content"u8) || reader.ValueTextEquals("reasoning"u8))
            {
                reader.Read();
                reasoningBytes += AppendString(ref reader, capture);
            }
            else if (reader.ValueTextEquals("tool_calls"u8))
            {
                reader.Read();
                answerBytes += ReadToolCalls(ref reader, capture);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary>
    /// <c>tool_calls[]</c>: each call's <c>function.name</c> (in its first delta) and <c>arguments</c> (in fragments) are tokens
    /// the model generated, so they are the answer's text, as OpenAI bills them.
    /// </summary>
    /// <returns>The bytes appended.</returns>
    private static int ReadToolCalls(ref Utf8JsonReader reader, ResponseCapture capture)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return 0;
        }

        var added = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isFunction = reader.ValueTextEquals("function"u8);
                reader.Read();
                if (isFunction && reader.TokenType == JsonTokenType.StartObject)
                {
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var isText = reader.ValueTextEquals("name"u8) || reader.ValueTextEquals("arguments"u8);
                        reader.Read();
                        if (isText)
                        {
                            added += AppendString(ref reader, capture);
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return added;
    }

    /// <summary>Appends the string the reader is on (anything else is skipped).</summary>
    /// <returns>The bytes appended.</returns>
    private static int AppendString(ref Utf8JsonReader reader, ResponseCapture capture)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return 0;
        }

        var before = capture.Text.WrittenCount;
        capture.AppendText(ref reader);
        return capture.Text.WrittenCount - before;
    }

    private static void ReadUsage(ref Utf8JsonReader reader, ResponseCapture capture)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("prompt_tokens"u8))
            {
                reader.Read();
                capture.UsageInputTokens = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("completion_tokens"u8))
            {
                reader.Read();
                capture.UsageOutputTokens = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("prompt_tokens_details"u8))
            {
                reader.Read();
                capture.UsageCachedTokens = ReadDetail(ref reader, "cached_tokens"u8) ?? capture.UsageCachedTokens;
            }
            else if (reader.ValueTextEquals("completion_tokens_details"u8))
            {
                reader.Read();
                capture.UsageReasoningTokens = ReadDetail(ref reader, "reasoning_tokens"u8) ?? capture.UsageReasoningTokens;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary>One count of a usage details object (<c>prompt_tokens_details</c>, <c>completion_tokens_details</c>).</summary>
    private static int? ReadDetail(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        int? value = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isWanted = reader.ValueTextEquals(name);
            reader.Read();
            if (isWanted && reader.TokenType == JsonTokenType.Number)
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
