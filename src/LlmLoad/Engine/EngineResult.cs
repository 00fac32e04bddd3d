namespace LlmLoad.Engine;

/// <param name="StartedAt">Timestamp ticks of the run's start, the zero of every *_ms field.</param>
/// <param name="Sent">Requests released to the executor, warm-up included.</param>
/// <param name="Dropped">Open-loop arrivals not sent because the concurrency cap was full at their time.</param>
internal sealed record EngineResult(StopReason StoppedBy, long StartedAt, long EndedAt, long Sent, long Dropped);
