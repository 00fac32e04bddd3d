using System.Buffers;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using LlmLoad.Shared;
using LlmLoad.Workload;

namespace LlmLoad.Providers.Formats;

/// <summary>
/// The user's own HTTP app (<c>--provider http</c>): the request is a JSON body template sent to a path of
/// the base URL, the answer is read through the paths of <see cref="HttpResponseMapping"/>. Every metric
/// works as for a built-in API; without reported usage the tokenizer counts the text (docs/providers.md).
/// </summary>
internal sealed class HttpAppFormat(HttpMethod method, string? path, BodyTemplate body, HttpResponseMapping response) : IWireFormat
{
    public static IReadOnlyList<string> MethodNames { get; } = ["POST", "PUT", "PATCH"];

    public static Provider Provider { get; } = new("http", "your own app: a JSON body template and response paths", "LLMLOAD_HTTP_API_KEY", "Authorization: Bearer (or any --header)", Create)
    {
        Settings =
        [
            "request-method", "request-path", "request-body", "response-framing", "response-text", "response-reasoning", "response-done",
            "response-input-tokens", "response-output-tokens", "response-id", "response-finish-reason", "response-error",
        ],
    };

    // Session ids must not collide with an earlier run's in an app that keeps conversation state.
    private readonly string _runId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    public HttpMethod Method => method;

    public bool StreamEndIsComplete => response.Done is null;

    public Uri Endpoint(Uri baseUrl, string model, bool stream) => path is { Length: > 0 } p ? WireJson.Endpoint(baseUrl, "/" + p.TrimStart('/')) : baseUrl;

    public ResponseFraming Framing(string? mediaType) => response.Framing;

    public void AddHeaders(HttpRequestMessage request, string? apiKey)
    {
        if (apiKey is { Length: > 0 })
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
    }

    /// <summary>A body outside any session (the warm-up's).</summary>
    public byte[] BuildBody(string model, IReadOnlyList<ChatTurn> messages, int maxTokens, bool stream)
        => BuildBody(model, messages, maxTokens, stream, -1);

    public byte[] BuildBody(string model, IReadOnlyList<ChatTurn> messages, int maxTokens, bool stream, long session)
        => body.Render(model, messages, maxTokens, stream, $"llmload-{_runId}-{session}");

    public bool ApplyStreamEvent(ReadOnlySpan<byte> eventType, ReadOnlySpan<byte> data, long arrivedAt, ResponseCapture capture)
    {
        if (response.Framing == ResponseFraming.Text)
        {
            capture.Text.Write(data);
            capture.AddContentChunk(arrivedAt);
            return false;
        }

        if (response.Done is { } done && data.SequenceEqual(done))
        {
            return true;
        }

        return Apply(data, arrivedAt, capture);
    }

    public void ApplyBody(ReadOnlySpan<byte> body, long arrivedAt, ResponseCapture capture) => Apply(body, arrivedAt, capture);

    public RateLimitObservation ReadRateLimits(HttpResponseHeaders headers, DateTimeOffset now) => RateLimitObservation.From(headers, now, RateLimitHeaders.OpenAi);

    public string ErrorMessage(ReadOnlySpan<byte> body) => response.Error?.FindString(body) ?? HttpErrorClassifier.Message(body);

    /// <summary>A 200 whose text never matched the path is a mapping mistake, not a zero-token success.</summary>
    public void Finish(ResponseCapture capture)
    {
        if (capture.ChunkTimes.Count == 0)
        {
            capture.Fail(ErrorClass.StreamError, response.Text is { } text
                ? $"nothing in the response matched target.response.text {text.Text}"
                : "the response had no text");
        }
    }

    /// <returns>True when the piece carried an in-band error, which ends the response.</returns>
    private bool Apply(ReadOnlySpan<byte> json, long arrivedAt, ResponseCapture capture)
    {
        if (response.Error?.FindString(json) is { } error)
        {
            capture.Fail(ErrorClass.StreamError, $"error in response ({response.Error.Text}): {error}");
            return true;
        }

        if (AppendString(response.Reasoning, json, capture))
        {
            capture.AddReasoningChunk(arrivedAt);
        }

        if (AppendString(response.Text, json, capture))
        {
            capture.AddContentChunk(arrivedAt);
        }

        capture.ResponseId ??= response.Id?.FindString(json);
        capture.FinishReason = response.FinishReason?.FindString(json) ?? capture.FinishReason;
        capture.UsageInputTokens = response.InputTokens?.FindInt(json) ?? capture.UsageInputTokens;
        capture.UsageOutputTokens = response.OutputTokens?.FindInt(json) ?? capture.UsageOutputTokens;
        return false;
    }

    /// <returns>True when the path held a non-empty string, now appended to the capture's text.</returns>
    private static bool AppendString(JsonPath? path, ReadOnlySpan<byte> json, ResponseCapture capture)
    {
        if (path is null || !path.TryFind(json, out var reader) || reader.TokenType != JsonTokenType.String || reader.ValueSpan.IsEmpty)
        {
            return false;
        }

        capture.AppendText(ref reader);
        return true;
    }

    private static HttpAppFormat Create(ScenarioSettings settings, List<string> errors)
    {
        var method = settings.Read("request-method", v => SettingParsers.OneOf(v.ToUpperInvariant(), MethodNames), errors) ?? "POST";
        // The body is not echoed back: it is long, and the message already says what is wrong with it.
        var template = settings.Read("request-body", BodyTemplate.Parse, errors, echoValue: false);
        if (settings["request-body"] is null)
        {
            errors.Add($"--provider http: target.request.body is required: the JSON your app takes, with placeholders such as {{{{prompt}}}} or {{{{messages}}}} (docs/providers.md)");
        }

        var stream = settings.Read("stream", SettingParsers.Bool, errors) ?? true;
        var mapping = HttpResponseMapping.Read(settings, stream, errors);
        return new HttpAppFormat(new HttpMethod(method), settings["request-path"]?.Value, template ?? BodyTemplate.Parse("{}"), mapping);
    }
}
