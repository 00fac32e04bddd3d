using System.Net.Http.Headers;
using LlmLoad.Providers.Formats;
using LlmLoad.Workload;

namespace LlmLoad.Providers;

/// <summary>
/// How one API family is spoken: where to send, how to authenticate, how to build a request body, how to
/// read the answer, its rate-limit headers and its error envelope. The transport
/// (<see cref="Transport.RequestSender"/>) is shared by all of them; each format is one file in Formats/ and
/// one line in <see cref="ProviderRegistry"/>.
/// </summary>
internal interface IWireFormat
{
    /// <summary>
    /// The full URL requests go to, from the user's base URL. The model and the stream flag are given because
    /// some APIs put them in the path (Gemini's <c>models/{model}:streamGenerateContent</c>, Azure's deployments).
    /// </summary>
    Uri Endpoint(Uri baseUrl, string model, bool stream);

    /// <summary>
    /// For an API that embeds rather than generates (OpenAI's embeddings): how many workload prompts one request
    /// carries, each one of the turns <see cref="BuildBody(string, IReadOnlyList{ChatTurn}, int, bool)"/> is given.
    /// Such an answer has no tokens arriving over time, so no TTFT or ITL. Null for an API that generates text.
    /// </summary>
    int? InputsPerRequest => null;

    /// <summary>The HTTP method requests use; every built-in API takes POST.</summary>
    HttpMethod Method => HttpMethod.Post;

    /// <summary>
    /// How a successful response's body is framed, given its media type: server-sent events for
    /// <c>text/event-stream</c>, else one body.
    /// </summary>
    ResponseFraming Framing(string? mediaType) => mediaType == "text/event-stream" ? ResponseFraming.ServerSentEvents : ResponseFraming.Body;

    /// <summary>Whether a stream that ends without an end marker is complete: false for APIs that always send one.</summary>
    bool StreamEndIsComplete => false;

    /// <summary>Checks a successful response once it is read in full (e.g. that it held any answer); the default checks nothing.</summary>
    void Finish(ResponseCapture capture)
    {
    }

    /// <summary>Adds the API's headers: its authentication when there is a key, and any it always requires.</summary>
    void AddHeaders(HttpRequestMessage request, string? apiKey);

    /// <summary>A request body sending <paramref name="messages"/> (system, user and assistant turns, the user's last).</summary>
    byte[] BuildBody(string model, IReadOnlyList<ChatTurn> messages, int maxTokens, bool stream);

    /// <summary>
    /// The body of a request of session <paramref name="session"/> (the request's own number without sessions):
    /// for an app that keys conversation state by an id. The APIs have no such id, so the default ignores it.
    /// </summary>
    byte[] BuildBody(string model, IReadOnlyList<ChatTurn> messages, int maxTokens, bool stream, long session)
        => BuildBody(model, messages, maxTokens, stream);

    /// <summary>
    /// The body with the workload's function <paramref name="tools"/> in the API's own shape (<see cref="Formats.ToolJson"/>).
    /// An API that takes no tools (legacy completions, a custom app) ignores them, the default.
    /// </summary>
    byte[] BuildBody(string model, IReadOnlyList<ChatTurn> messages, int maxTokens, bool stream, long session, IReadOnlyList<ToolDefinition> tools)
        => BuildBody(model, messages, maxTokens, stream, session);

    /// <summary>Applies one server-sent event; returns true when it ends the response.</summary>
    bool ApplyStreamEvent(ReadOnlySpan<byte> eventType, ReadOnlySpan<byte> data, long arrivedAt, ResponseCapture capture);

    /// <summary>Applies a complete buffered (non-streamed) response body.</summary>
    void ApplyBody(ReadOnlySpan<byte> body, long arrivedAt, ResponseCapture capture);

    /// <summary>What the response's headers say about the caller's rate limits.</summary>
    RateLimitObservation ReadRateLimits(HttpResponseHeaders headers, DateTimeOffset now);

    /// <summary>The error class of a non-success answer; the default reads the status and the OpenAI/Anthropic envelope.</summary>
    ErrorClass ClassifyError(int status, ReadOnlySpan<byte> body) => HttpErrorClassifier.Classify(status, body);

    /// <summary>
    /// How long an error body asks the client to wait, in seconds, for an API that says so there rather than in a
    /// <c>retry-after</c> header (Gemini's <c>google.rpc.RetryInfo</c>); read only when no header said it. The
    /// default finds nothing.
    /// </summary>
    double? RetryAfterInErrorBody(ReadOnlySpan<byte> body) => null;

    /// <summary>The short message of an error body; the default reads <c>error.message</c> and its common variants.</summary>
    string ErrorMessage(ReadOnlySpan<byte> body) => HttpErrorClassifier.Message(body);
}
