using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using LlmLoad.Shared;
using LlmLoad.Workload;

namespace LlmLoad.Providers.Formats;

/// <summary>
/// OpenAI's embeddings (<c>POST {base}/embeddings</c>), also served by vLLM, TEI, llama.cpp and most gateways
/// (wire shape in docs/providers.md). Each request embeds <see cref="BatchSize"/> workload prompts (one string,
/// or an array of them) and is answered by one JSON list of vectors, never a stream: its latency is the whole
/// exchange, and it has no time to first token. The answer must hold one vector per input sent.
/// </summary>
/// <param name="BatchSize">Inputs per request (<c>--batch-size</c>), at most the API's <see cref="MaxBatchSize"/>.</param>
/// <param name="Dimensions">The vector length asked for (<c>--dimensions</c>); null leaves the model's own.</param>
/// <param name="EncodingFormat"><c>float</c> (JSON numbers) or <c>base64</c> (float32 bytes, smaller on the wire).</param>
internal sealed record OpenAiEmbeddingsFormat(int BatchSize = 1, int? Dimensions = null, string EncodingFormat = "float") : IWireFormat
{
    /// <summary>OpenAI's limit on inputs per request ("any array must be 2048 dimensions or less").</summary>
    public const int MaxBatchSize = 2048;

    public static IReadOnlyList<string> EncodingFormats { get; } = ["float", "base64"];

    private static readonly OpenAiChatFormat Chat = new();

    public static Provider Provider { get; } = new("openai-embeddings", "embeddings", "OPENAI_API_KEY", "Authorization: Bearer", Create)
    {
        Settings = ["batch-size", "dimensions", "encoding-format"],
        ListsModels = true,
        Streams = false,
    };

    public int? InputsPerRequest => BatchSize;

    public Uri Endpoint(Uri baseUrl, string model, bool stream) => WireJson.Endpoint(baseUrl, "/embeddings");

    public void AddHeaders(HttpRequestMessage request, string? apiKey) => Chat.AddHeaders(request, apiKey);

    public RateLimitObservation ReadRateLimits(HttpResponseHeaders headers, DateTimeOffset now) => Chat.ReadRateLimits(headers, now);

    /// <summary>Each turn is one input (the workload draws one prompt per input); one input goes as a plain string, as clients send it.</summary>
    public byte[] BuildBody(string model, IReadOnlyList<ChatTurn> messages, int maxTokens, bool stream) => WireJson.Body(messages, json =>
    {
        json.WriteString("model", model);
        if (messages.Count == 1)
        {
            json.WriteString("input", messages[0].Content);
        }
        else
        {
            json.WriteStartArray("input");
            foreach (var message in messages)
            {
                json.WriteStringValue(message.Content);
            }

            json.WriteEndArray();
        }

        json.WriteString("encoding_format", EncodingFormat);
        if (Dimensions is { } dimensions)
        {
            json.WriteNumber("dimensions", dimensions);
        }
    });

    /// <summary>The API never streams embeddings: events in answer mean the URL points at another API.</summary>
    public bool ApplyStreamEvent(ReadOnlySpan<byte> eventType, ReadOnlySpan<byte> data, long arrivedAt, ResponseCapture capture)
    {
        capture.Fail(ErrorClass.StreamError, "the server answered with server-sent events; an embeddings answer is one JSON list (is the URL an embeddings API?)");
        return true;
    }

    /// <summary>
    /// Reads <c>data</c> (counting the vectors, and their lengths against <see cref="Dimensions"/>), <c>usage</c>
    /// (<c>prompt_tokens</c> are the input; <c>total_tokens</c> beyond them, always 0 for OpenAI, the output) and an <c>error</c>.
    /// </summary>
    public void ApplyBody(ReadOnlySpan<byte> body, long arrivedAt, ResponseCapture capture)
    {
        var reader = WireJson.StartObject(body);
        int? vectors = null;
        int? total = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                vectors = ReadVectors(ref reader, capture);
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                total = ReadUsage(ref reader, capture);
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Null)
                {
                    capture.Fail(ErrorClass.StreamError, "error in response body: " + HttpErrorClassifier.Message(body));
                    return;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (capture.UsageInputTokens is { } input)
        {
            capture.UsageOutputTokens = Math.Max(0, (total ?? input) - input);
        }

        if (vectors != BatchSize)
        {
            capture.Fail(ErrorClass.StreamError, vectors is { } count
                ? string.Create(CultureInfo.InvariantCulture, $"the answer held {count} embeddings for the {BatchSize} inputs sent")
                : "response body is not an embeddings list: no data array");
        }
    }

    /// <returns>The number of items in <c>data</c>, or null when it is not an array.</returns>
    private int? ReadVectors(ref Utf8JsonReader reader, ResponseCapture capture)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            count++;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isEmbedding = reader.ValueTextEquals("embedding"u8);
                reader.Read();
                if (isEmbedding && Length(ref reader) is { } length && Dimensions is { } expected && length != expected)
                {
                    capture.Fail(ErrorClass.StreamError, string.Create(CultureInfo.InvariantCulture, $"embedding {count - 1} has {length} dimensions, not the {expected} asked for"));
                }
                else if (!isEmbedding)
                {
                    reader.Skip();
                }
            }
        }

        return count;
    }

    /// <summary>The values in an embedding: an array's items, or a base64 string's float32s. Leaves the reader at its end.</summary>
    private static int? Length(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            // Base64 length without decoding: 4 characters carry 3 bytes, less the padding.
            var text = reader.ValueSpan;
            var padding = text.EndsWith("=="u8) ? 2 : text.EndsWith("="u8) ? 1 : 0;
            return ((text.Length / 4 * 3) - padding) / sizeof(float);
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        var length = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            length++;
        }

        return length;
    }

    /// <returns><c>total_tokens</c>, when given.</returns>
    private static int? ReadUsage(ref Utf8JsonReader reader, ResponseCapture capture)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        int? total = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("prompt_tokens"u8))
            {
                reader.Read();
                capture.UsageInputTokens = reader.TokenType == JsonTokenType.Number ? reader.GetInt32() : capture.UsageInputTokens;
            }
            else if (reader.ValueTextEquals("total_tokens"u8))
            {
                reader.Read();
                total = reader.TokenType == JsonTokenType.Number ? reader.GetInt32() : null;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return total;
    }

    private static OpenAiEmbeddingsFormat Create(ScenarioSettings settings, List<string> errors) => new(
        settings.Read("batch-size", ParseBatchSize, errors) ?? 1,
        settings.Read("dimensions", v => SettingParsers.Int(v, 1), errors),
        settings.Read("encoding-format", v => SettingParsers.OneOf(v, EncodingFormats), errors) ?? EncodingFormats[0]);

    private static int? ParseBatchSize(string value)
        => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= MaxBatchSize
            ? size
            : throw new FormatException($"expected the number of inputs per request, a whole number from 1 to {MaxBatchSize} (the API's limit)");
}
