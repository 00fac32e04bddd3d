using LlmLoad.Workload;

namespace LlmLoad.Providers;

/// <summary>
/// How one API family is spoken: where to send, how to authenticate, how to build a request body and
/// how to read the answer. The transport (<see cref="RequestSender"/>) is shared by all of them.
/// </summary>
internal interface IWireFormat
{
    /// <summary>The full URL requests go to, from the user's base URL.</summary>
    Uri Endpoint(Uri baseUrl);

    /// <summary>Adds the API's headers: its authentication when there is a key, and any it always requires.</summary>
    void AddHeaders(HttpRequestMessage request, string? apiKey);

    /// <summary>A request body sending <paramref name="messages"/> (system, user and assistant turns, the user's last).</summary>
    byte[] BuildBody(string model, IReadOnlyList<ChatTurn> messages, int maxTokens, bool stream);

    /// <summary>Applies one server-sent event; returns true when it ends the response.</summary>
    bool ApplyStreamEvent(ReadOnlySpan<byte> eventType, ReadOnlySpan<byte> data, long arrivedAt, ResponseCapture capture);

    /// <summary>Applies a complete buffered (non-streamed) response body.</summary>
    void ApplyBody(ReadOnlySpan<byte> body, long arrivedAt, ResponseCapture capture);
}
