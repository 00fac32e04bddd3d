namespace LlmLoad.Providers;

/// <summary>
/// What happened before the exchange a capture holds: every attempt sent for the same request (retries, a failover),
/// the time spent waiting between them, and who served it. Absent (null) for a request sent once to the run's one target.
/// </summary>
internal sealed class ExchangeHistory
{
    /// <summary>When the first attempt was sent: latency counted from here is what the user waited.</summary>
    public long FirstSentAt { get; init; }

    /// <summary>Every attempt in order, the last being the capture's own.</summary>
    public List<AttemptOutcome> Attempts { get; } = [];

    /// <summary>Time spent waiting before retries (what the server asked for, or the backoff).</summary>
    public double RetryWaitMs { get; set; }

    /// <summary>The target that served the last attempt; null in a run of one target.</summary>
    public string? Target { get; set; }

    /// <summary>The target the request was meant for, when it moved to another (a failover); else null.</summary>
    public string? FailoverFrom { get; set; }
}
