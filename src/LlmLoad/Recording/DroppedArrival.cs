using LlmLoad.Traffic;

namespace LlmLoad.Recording;

/// <summary>An arrival the engine could not send on time (k6's dropped iteration), at <see cref="ScheduledMs"/> of run time.</summary>
internal readonly record struct DroppedArrival(bool Warmup, double ScheduledMs, Stage? Stage);
