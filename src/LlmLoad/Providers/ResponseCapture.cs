using System.Buffers;
using System.Text.Json;

namespace LlmLoad.Providers;

/// <summary>
/// Everything observed about one request while it runs: the timestamps of its timeline, the content
/// chunks as they arrived, what the server said about tokens and finishing, and how it failed.
/// Filled by one request's task only; handed to the recorder when the request ends.
/// Timestamps are <see cref="TimeProvider.GetTimestamp"/> ticks; 0 means "did not happen".
/// </summary>
internal sealed class ResponseCapture
{
    public long SentAt { get; set; }

    public long HeadersAt { get; set; }

    public long EndAt { get; set; }

    public int Status { get; set; }

    public string? ResponseId { get; set; }

    public string? FinishReason { get; set; }

    public int? UsageInputTokens { get; set; }

    public int? UsageOutputTokens { get; set; }

    public int? UsageCachedTokens { get; set; }

    /// <summary>Reasoning ("thinking") tokens the server reports, a part of <see cref="UsageOutputTokens"/>.</summary>
    public int? UsageReasoningTokens { get; set; }

    /// <summary>The HTTP version the response came in (<c>1.1</c>, <c>2</c>); null when none came.</summary>
    public string? HttpVersion { get; set; }

    /// <summary>The rate-limit headers of the response, if it had any.</summary>
    public RateLimitObservation RateLimit { get; set; }

    /// <summary>Other requests of this sender on the wire when this one was sent, itself not counted.</summary>
    public int InFlightAtSend { get; set; }

    /// <summary>Which limit refused a 429 (<see cref="RefusalClassifier"/>); null for any other answer.</summary>
    public RefusalKind? Refusal { get; set; }

    /// <summary>Seconds until the exhausted limit resets, from the reset headers (<see cref="RateLimitObservation.ResetWaitSeconds"/>); read when no <c>retry-after</c> came.</summary>
    public double? ResetAfterSeconds { get; set; }

    /// <summary>The server said waiting will not help (an exhausted quota, a prompt too long, <c>x-should-retry: false</c>).</summary>
    public bool NotRetryable { get; set; }

    /// <summary>Gateway mode: who the gateway says served the request (its <c>served_by</c> header or field); null without one.</summary>
    public string? ServedBy { get; set; }

    /// <summary>Earlier attempts of the same request and who served it; null for a request sent once to the run's one target.</summary>
    public ExchangeHistory? History { get; set; }

    public ErrorClass? Error { get; private set; }

    public string? ErrorMessage { get; private set; }

    /// <summary>Arrival time of each event that carried generated content, reasoning included.</summary>
    public List<long> ChunkTimes { get; } = [];

    /// <summary>For each content chunk, the end offset of its text in <see cref="Text"/>.</summary>
    public List<int> ChunkTextEnds { get; } = [];

    /// <summary>The generated text as UTF-8, all chunks concatenated.</summary>
    public ArrayBufferWriter<byte> Text { get; } = new(256);

    /// <summary>How many of <see cref="ChunkTimes"/> carried reasoning rather than the answer.</summary>
    public int ReasoningChunks { get; private set; }

    /// <summary>The first generated token of any kind, reasoning included: what TTFT measures.</summary>
    public long FirstContentAt => ChunkTimes.Count > 0 ? ChunkTimes[0] : 0;

    /// <summary>The first chunk of the answer itself (text or a tool call), after any reasoning: what TTFO measures.</summary>
    public long FirstAnswerAt { get; private set; }

    public long LastContentAt => ChunkTimes.Count > 0 ? ChunkTimes[^1] : 0;

    public bool Succeeded => Error is null;

    /// <summary>Appends the string value the reader is on, unescaped, to <see cref="Text"/>.</summary>
    public void AppendText(ref Utf8JsonReader reader)
    {
        var span = Text.GetSpan(reader.ValueSpan.Length);
        Text.Advance(reader.CopyString(span));
    }

    /// <summary>
    /// Ends a chunk of the answer whose text (or tool-call arguments) was just appended to <see cref="Text"/>.
    /// </summary>
    public void AddContentChunk(long arrivedAt)
    {
        ChunkTimes.Add(arrivedAt);
        ChunkTextEnds.Add(Text.WrittenCount);
        if (FirstAnswerAt == 0)
        {
            FirstAnswerAt = arrivedAt;
        }
    }

    /// <summary>
    /// Ends a chunk of reasoning text just appended to <see cref="Text"/>. Reasoning tokens are generated
    /// (and billed) output, so they take part in TTFT, ITL and the token count, but not in TTFO.
    /// </summary>
    public void AddReasoningChunk(long arrivedAt)
    {
        ChunkTimes.Add(arrivedAt);
        ChunkTextEnds.Add(Text.WrittenCount);
        ReasoningChunks++;
    }

    /// <summary>Keeps the first failure: a timeout that cuts a stream is still a timeout.</summary>
    public void Fail(ErrorClass error, string message)
    {
        if (Error is null)
        {
            Error = error;
            ErrorMessage = message;
        }
    }
}
