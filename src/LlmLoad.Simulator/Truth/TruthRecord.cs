namespace LlmLoad.Simulator.Truth;

/// <summary>What the server did for one completed response, in raw Stopwatch timestamps.</summary>
internal readonly record struct TruthRecord(string Id, long Received, long FirstContentSent, long LastByteSent, int CompletionTokens);
