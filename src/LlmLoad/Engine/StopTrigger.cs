
namespace LlmLoad.Engine;

/// <summary>A reason to stop sending early: when <see cref="Token"/> is cancelled, the run stops as on Ctrl-C, <c>stopped_by</c> <see cref="Reason"/>.</summary>
internal readonly record struct StopTrigger(StopReason Reason, CancellationToken Token);
