namespace LlmLoad.Simulator.Generation;

/// <summary>A token ready to leave: its word (an index into <see cref="WordBytes"/>) and the Stopwatch time it was due.</summary>
internal readonly record struct ScheduledToken(int WordIndex, long Due);
