namespace LlmLoad.Traffic;

/// <summary>One open-loop arrival: when, as an offset from the run's start, and for a replayed trace the lengths it asked for.</summary>
internal readonly record struct Arrival(TimeSpan Offset, int? InputTokens = null, int? OutputTokens = null);
