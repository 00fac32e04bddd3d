namespace LlmLoad.Traffic;

/// <summary>One arrival of a trace: seconds after the trace's first arrival, and the lengths it asked for, if given.</summary>
internal readonly record struct TraceArrival(double OffsetSeconds, int? InputTokens, int? OutputTokens);
