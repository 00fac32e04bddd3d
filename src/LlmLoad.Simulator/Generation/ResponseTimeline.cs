namespace LlmLoad.Simulator.Generation;

/// <summary>Stopwatch timestamps of a response that was sent in full, for the truth log.</summary>
internal readonly record struct ResponseTimeline(long FirstContentSent, long LastByteSent);
