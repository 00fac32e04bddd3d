using LlmLoad.Pricing;
using LlmLoad.Providers;
using LlmLoad.Traffic;

namespace LlmLoad.Recording;

/// <summary>
/// One line of requests.jsonl: what happened to one request. Times are milliseconds since the run's
/// start (<c>*_ms</c> points in time) or durations in milliseconds counted from the actual send (the first
/// attempt's, when a request was retried: what the user waited).
/// </summary>
internal sealed record RequestRecord
{
    public required long Seq { get; init; }

    public required bool Warmup { get; init; }

    /// <summary>The name of the stage the request was scheduled in; null in a run without stages.</summary>
    public string? Stage { get; init; }

    /// <summary>The workload category (a mix's, or the corpus prompt's); null when the workload has none.</summary>
    public string? Category { get; init; }

    /// <summary>In a run of sessions: the session (user action) this request belongs to, its turn (from 1) and its planned turns.</summary>
    public long? SessionId { get; init; }

    public int? Turn { get; init; }

    public int? SessionTurns { get; init; }

    public string? ResponseId { get; init; }

    public int Status { get; init; }

    public ErrorClass? Error { get; init; }

    public string? ErrorMessage { get; init; }

    public required double ScheduledMs { get; init; }

    public required double SentMs { get; init; }

    public double? TtftMs { get; init; }

    /// <summary>
    /// Time to the first chunk of the answer itself (text or a tool call), after any reasoning; equal to
    /// <see cref="TtftMs"/> when the response had no reasoning chunks, null when no answer arrived.
    /// </summary>
    public double? TtfoMs { get; init; }

    public double? E2eMs { get; init; }

    public double? TpotMs { get; init; }

    public int Chunks { get; init; }

    public int? InputTokens { get; init; }

    public int? OutputTokens { get; init; }

    /// <summary><c>usage</c> when the server reported the output count, else <c>tokenizer</c>.</summary>
    public required string TokenSource { get; init; }

    public string? FinishReason { get; init; }

    public int? CachedTokens { get; init; }

    /// <summary>Reasoning tokens the server reported (a part of <see cref="OutputTokens"/>); null when it reported none.</summary>
    public int? ReasoningTokens { get; init; }

    /// <summary>How many of <see cref="Chunks"/> carried reasoning rather than the answer.</summary>
    public int ReasoningChunks { get; init; }

    /// <summary>The HTTP version of the response (<c>1.1</c>, <c>2</c>), to see whether <c>--http2</c> was granted; null when none came.</summary>
    public string? HttpVersion { get; init; }

    public required int MaxTokens { get; init; }

    /// <summary>The inputs an embeddings request sent (<c>--batch-size</c>); null for a request that generates.</summary>
    public int? Inputs { get; init; }

    /// <summary>The prompt's length by the local tokenizer, kept beside the server's count to expose disagreement.</summary>
    public required int InputTokensTokenizer { get; init; }

    public int? OutputTokensTokenizer { get; init; }

    /// <summary>What the request cost by kind of token (<see cref="LlmLoad.Cost.RequestCost"/>); null when the run has no price.</summary>
    public TokenCost? Cost { get; init; }

    /// <summary>What the response's rate-limit headers said (all null without such headers).</summary>
    public RateLimitObservation RateLimit { get; init; }

    /// <summary>Other requests of the run on the wire when this one was sent: what a per-key concurrency cap counts.</summary>
    public int InFlightAtSend { get; init; }

    /// <summary>Which limit refused a 429 (requests, tokens, input or output tokens, concurrency, quota); null for other answers.</summary>
    public RefusalKind? RateLimitKind { get; init; }

    /// <summary>Attempts sent for this request (retries and a failover included); 1 for a request sent once.</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>The status of each attempt in order (0 for one that got no response); the last is <see cref="Status"/>.</summary>
    public IReadOnlyList<int> AttemptStatuses { get; init; } = [];

    /// <summary>The target of each attempt in a run of several targets (all null otherwise).</summary>
    public IReadOnlyList<string?> AttemptTargets { get; init; } = [];

    /// <summary>How long each attempt's answer asked the client to wait (null where it did not), in milliseconds.</summary>
    public IReadOnlyList<double?> AttemptRetryAfterMs { get; init; } = [];

    /// <summary>Time spent waiting between attempts.</summary>
    public double RetryWaitMs { get; init; }

    /// <summary>When the last attempt was sent; equal to <see cref="SentMs"/> (the first's) for a request sent once.</summary>
    public double LastSentMs { get; init; }

    /// <summary>TTFT and E2E of the last attempt alone, from its own send; <see cref="TtftMs"/> and <see cref="E2eMs"/> count from the first.</summary>
    public double? LastAttemptTtftMs { get; init; }

    public double? LastAttemptE2eMs { get; init; }

    /// <summary>The target that served the request; null in a run of one target.</summary>
    public string? Target { get; init; }

    /// <summary>The target the request was routed to before it moved (a failover); null when it did not move.</summary>
    public string? FailoverFrom { get; init; }

    public double ScheduleLagMs => SentMs - ScheduledMs;

    /// <summary>The request's <c>cost_usd</c>; null when the run has no price.</summary>
    public decimal? CostUsd => Cost?.TotalUsd;

    public bool Succeeded => Error is null;

    /// <summary>The server stopped at the length cap.</summary>
    public bool Truncated => FinishReason is "length" or "max_tokens";
}
