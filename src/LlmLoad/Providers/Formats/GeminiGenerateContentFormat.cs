using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using LlmLoad.Shared;
using LlmLoad.Workload;

namespace LlmLoad.Providers.Formats;

/// <summary>
/// Google's Gemini API (<c>POST {base}/models/{model}:streamGenerateContent?alt=sse</c>, buffered
/// <c>:generateContent</c>; wire shape in docs/providers.md). Every stream event and the buffered body are one
/// GenerateContentResponse. The stream has no end marker: it ends with the body, after the chunk that carries
/// the candidate's <c>finishReason</c>, so a stream that ends without one was cut short.
/// Usage is cumulative on each chunk; <c>candidatesTokenCount</c> leaves out the thinking, which
/// <c>thoughtsTokenCount</c> counts, so the output is their sum (the API's <c>totalTokenCount</c> is
/// prompt + tool-use prompt + candidates + thoughts).
/// </summary>
internal sealed record GeminiGenerateContentFormat : IWireFormat
{
    private const string StreamMethod = "streamGenerateContent";
    private const string BufferedMethod = "generateContent";

    /// <summary>
    /// GEMINI_API_KEY, the name Google's docs use; the python-genai SDK also reads GOOGLE_API_KEY (and prefers
    /// it when both are set), which <c>--api-key-env GOOGLE_API_KEY</c> selects.
    /// </summary>
    public static Provider Provider { get; } = new("gemini", "generateContent", "GEMINI_API_KEY", "x-goog-api-key", Create, EmbeddedBasePath: "v1beta")
    {
        Settings = ["include-thoughts"],
    };

    /// <summary>Ask for thought parts (<c>--include-thoughts</c>): without them a thinking model's thoughts are counted but never streamed.</summary>
    public bool IncludeThoughts { get; init; }

    /// <summary>An end of the body is the end of a Gemini stream; <see cref="Finish"/> checks that it was complete.</summary>
    public bool StreamEndIsComplete => true;

    /// <summary>
    /// <c>{base}/models/{model}:method</c>. The model may be given as <c>gemini-2.0-flash</c> or as the resource
    /// name <c>models/gemini-2.0-flash</c> (<c>tunedModels/…</c> too); a URL that already names a method is
    /// used as given, with the method <c>--stream</c> asks for.
    /// </summary>
    public Uri Endpoint(Uri baseUrl, string model, bool stream)
    {
        var method = stream ? StreamMethod : BufferedMethod;
        var path = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        var named = path.EndsWith(":" + StreamMethod, StringComparison.Ordinal) ? StreamMethod
            : path.EndsWith(":" + BufferedMethod, StringComparison.Ordinal) ? BufferedMethod
            : null;
        if (named is not null)
        {
            path = path[..^named.Length] + method;
        }
        else
        {
            var resource = model.Contains('/', StringComparison.Ordinal) ? model : "models/" + model;
            if (path.EndsWith("/models", StringComparison.Ordinal) && resource.StartsWith("models/", StringComparison.Ordinal))
            {
                resource = resource["models/".Length..];
            }

            path += "/" + resource + ":" + method;
        }

        // alt=sse asks for server-sent events; without it the stream is one JSON array, written piece by piece.
        var query = baseUrl.Query;
        if (stream && !query.Contains("alt=", StringComparison.Ordinal))
        {
            query = query.Length == 0 ? "?alt=sse" : query + "&alt=sse";
        }

        return new Uri(path + query);
    }

    /// <summary>Gemini sends no limit or remaining counts; a gateway in front of it may still say how long to wait.</summary>
    public RateLimitObservation ReadRateLimits(HttpResponseHeaders headers, DateTimeOffset now)
        => new(null, null, null, null, RateLimitObservation.From(headers, now, RateLimitHeaders.OpenAi).RetryAfterSeconds);

    public void AddHeaders(HttpRequestMessage request, string? apiKey)
    {
        if (apiKey is { Length: > 0 })
        {
            request.Headers.Add("x-goog-api-key", apiKey);
        }
    }

    /// <summary>The output cap is always <c>generationConfig.maxOutputTokens</c>; the registry refuses the OpenAI formats' field.</summary>
    private static GeminiGenerateContentFormat Create(ScenarioSettings settings, List<string> errors)
        => new() { IncludeThoughts = settings.Read("include-thoughts", SettingParsers.Bool, errors) ?? false };

    /// <summary>
    /// User and assistant turns go to <c>contents</c> (roles <c>user</c> and <c>model</c>), system turns to
    /// <c>systemInstruction</c>, one part each; the model is in the path, and streaming in the method.
    /// </summary>
    public byte[] BuildBody(string model, IReadOnlyList<ChatTurn> messages, int maxTokens, bool stream) => BuildBody(model, messages, maxTokens, stream, -1, []);

    /// <summary>As the other overload, with the tools as <c>tools[0].functionDeclarations</c>.</summary>
    public byte[] BuildBody(string model, IReadOnlyList<ChatTurn> messages, int maxTokens, bool stream, long session, IReadOnlyList<ToolDefinition> tools) => WireJson.Body(messages, json =>
    {
        json.WriteStartArray("contents");
        foreach (var message in messages.Where(m => m.Role != "system"))
        {
            json.WriteStartObject();
            json.WriteString("role", message.Role == "assistant" ? "model" : message.Role);
            WriteParts(json, [message]);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        var system = messages.Where(m => m.Role == "system").ToList();
        if (system.Count > 0)
        {
            json.WriteStartObject("systemInstruction");
            WriteParts(json, system);
            json.WriteEndObject();
        }

        ToolJson.WriteGemini(json, tools);
        json.WriteStartObject("generationConfig");
        json.WriteNumber("maxOutputTokens", maxTokens);
        if (IncludeThoughts)
        {
            json.WriteStartObject("thinkingConfig");
            json.WriteBoolean("includeThoughts", true);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    });

    public bool ApplyStreamEvent(ReadOnlySpan<byte> eventType, ReadOnlySpan<byte> data, long arrivedAt, ResponseCapture capture)
        => ApplyResponse(data, arrivedAt, capture, streamed: true);

    public void ApplyBody(ReadOnlySpan<byte> body, long arrivedAt, ResponseCapture capture)
    {
        ApplyResponse(body, arrivedAt, capture, streamed: false);
        if (capture.Succeeded && capture.FinishReason is null && capture.ResponseId is null && capture.ChunkTimes.Count == 0 && capture.UsageInputTokens is null)
        {
            capture.Fail(ErrorClass.StreamError, "response body is not a GenerateContentResponse");
        }
    }

    /// <summary>A response without a candidate's finishReason did not finish: the stream (or body) was cut short.</summary>
    public void Finish(ResponseCapture capture)
    {
        if (capture.FinishReason is null)
        {
            capture.Fail(ErrorClass.StreamError, "the response ended without a candidate's finishReason");
        }
    }

    public ErrorClass ClassifyError(int status, ReadOnlySpan<byte> body) => GeminiErrorEnvelope.Classify(status, body);

    public string ErrorMessage(ReadOnlySpan<byte> body) => GeminiErrorEnvelope.MessageOf(body);

    /// <summary>A 429's wait is the <c>retryDelay</c> of the body's <c>google.rpc.RetryInfo</c>: Gemini sends no <c>retry-after</c>.</summary>
    public double? RetryAfterInErrorBody(ReadOnlySpan<byte> body) => GeminiErrorEnvelope.Read(body).RetryDelaySeconds;

    private static void WriteParts(Utf8JsonWriter json, IEnumerable<ChatTurn> turns)
    {
        json.WriteStartArray("parts");
        foreach (var turn in turns)
        {
            json.WriteStartObject();
            json.WriteString("text", turn.Content);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>
    /// Reads one GenerateContentResponse: the first candidate's parts and finish reason, the usage, the id,
    /// a blocked prompt and an error object. Returns true when it ends the response (an error or a block).
    /// </summary>
    private static bool ApplyResponse(ReadOnlySpan<byte> json, long arrivedAt, ResponseCapture capture, bool streamed)
    {
        var reader = WireJson.StartObject(json);
        var textBefore = capture.Text.WrittenCount;
        var answer = false;
        string? blockReason = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("candidates"u8))
            {
                reader.Read();
                answer |= ReadCandidates(ref reader, json, capture);
            }
            else if (reader.ValueTextEquals("usageMetadata"u8))
            {
                reader.Read();
                ReadUsage(ref reader, capture);
            }
            else if (reader.ValueTextEquals("responseId"u8))
            {
                reader.Read();
                capture.ResponseId ??= reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("promptFeedback"u8))
            {
                reader.Read();
                blockReason = ReadBlockReason(ref reader);
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Null)
                {
                    var where = streamed ? "error event in stream: " : "error in response body: ";
                    capture.Fail(ErrorClass.StreamError, where + GeminiErrorEnvelope.MessageOf(json));
                    return true;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        // One event is one chunk: the answer when any of its parts was, else reasoning (thought parts only).
        if (capture.Text.WrittenCount > textBefore)
        {
            if (answer)
            {
                capture.AddContentChunk(arrivedAt);
            }
            else
            {
                capture.AddReasoningChunk(arrivedAt);
            }
        }

        if (blockReason is not null)
        {
            // The API refused the prompt itself and generated nothing: the request's fault, as a 400 would be.
            capture.Fail(ErrorClass.ClientError, "prompt blocked: " + blockReason);
            return true;
        }

        return false;
    }

    /// <summary>Reads the first candidate (llmload asks for one); returns true when one of its parts was answer content.</summary>
    private static bool ReadCandidates(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ResponseCapture capture)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return false;
        }

        var answer = false;
        var first = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!first || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            first = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("content"u8))
                {
                    reader.Read();
                    answer |= ReadContent(ref reader, json, capture);
                }
                else if (reader.ValueTextEquals("finishReason"u8))
                {
                    reader.Read();
                    capture.FinishReason = reader.TokenType == JsonTokenType.String
                        ? GeminiFinishReasons.ToContract(reader.ValueSpan) ?? capture.FinishReason
                        : capture.FinishReason;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }

        return answer;
    }

    /// <summary><c>{"parts":[…],"role":"model"}</c>; returns true when a part was answer content.</summary>
    private static bool ReadContent(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ResponseCapture capture)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return false;
        }

        var answer = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isParts = reader.ValueTextEquals("parts"u8);
            reader.Read();
            if (!isParts || reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                answer |= ReadPart(ref reader, json, capture);
            }
        }

        return answer;
    }

    /// <summary>
    /// One part: its <c>text</c> is appended, and is reasoning when the part has <c>"thought": true</c> (which may
    /// come after the text); a <c>functionCall</c> is generated answer content, appended as its JSON. A
    /// <c>thoughtSignature</c> is an opaque token of the API, not generated text. Returns true for answer content.
    /// </summary>
    private static bool ReadPart(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ResponseCapture capture)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return false;
        }

        var before = capture.Text.WrittenCount;
        var thought = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("text"u8))
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
            else if (reader.ValueTextEquals("thought"u8))
            {
                reader.Read();
                thought = reader.TokenType == JsonTokenType.True;
            }
            else if (reader.ValueTextEquals("functionCall"u8))
            {
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                var isCall = reader.TokenType == JsonTokenType.StartObject;
                reader.Skip();
                if (isCall)
                {
                    capture.Text.Write(json[start..(int)reader.BytesConsumed]);
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return !thought && capture.Text.WrittenCount > before;
    }

    /// <summary>
    /// <c>usageMetadata</c>, cumulative on each chunk. Input is the prompt (cached content included, and counted
    /// apart as cached) plus the tool-use prompt; output is the candidates plus the thoughts, which are its reasoning.
    /// </summary>
    private static void ReadUsage(ref Utf8JsonReader reader, ResponseCapture capture)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        int? prompt = null, toolUsePrompt = null, candidates = null, thoughts = null, cached = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ref var target = ref prompt;
            var known = true;
            if (reader.ValueTextEquals("candidatesTokenCount"u8))
            {
                target = ref candidates;
            }
            else if (reader.ValueTextEquals("thoughtsTokenCount"u8))
            {
                target = ref thoughts;
            }
            else if (reader.ValueTextEquals("cachedContentTokenCount"u8))
            {
                target = ref cached;
            }
            else if (reader.ValueTextEquals("toolUsePromptTokenCount"u8))
            {
                target = ref toolUsePrompt;
            }
            else if (!reader.ValueTextEquals("promptTokenCount"u8))
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

        if (prompt is not null || toolUsePrompt is not null)
        {
            capture.UsageInputTokens = (prompt ?? 0) + (toolUsePrompt ?? 0);
        }

        capture.UsageCachedTokens = cached ?? capture.UsageCachedTokens;
        // Reasoning once reported stays: a later chunk that left the count out has not un-thought it.
        capture.UsageReasoningTokens = thoughts ?? capture.UsageReasoningTokens;
        if (candidates is not null || thoughts is not null)
        {
            capture.UsageOutputTokens = (candidates ?? 0) + (capture.UsageReasoningTokens ?? 0);
        }
    }

    /// <summary><c>promptFeedback.blockReason</c> when the prompt was refused, else null.</summary>
    private static string? ReadBlockReason(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        string? blockReason = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isBlockReason = reader.ValueTextEquals("blockReason"u8);
            reader.Read();
            if (isBlockReason && reader.TokenType == JsonTokenType.String)
            {
                blockReason = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        return blockReason;
    }
}
