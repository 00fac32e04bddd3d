namespace LlmLoad.Providers;

/// <summary>How the body of a successful response is cut into the pieces a format reads.</summary>
internal enum ResponseFraming
{
    /// <summary>One complete body, read at once (a buffered JSON answer).</summary>
    Body,

    /// <summary>Server-sent events (<c>text/event-stream</c>): each event's data is one piece.</summary>
    ServerSentEvents,

    /// <summary>Newline-delimited JSON: each non-empty line is one piece.</summary>
    JsonLines,

    /// <summary>Plain chunked text: whatever each read of the socket delivered is one piece.</summary>
    Text,
}
