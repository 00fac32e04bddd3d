using LlmLoad.Options;

namespace LlmLoad.FindLimit;

/// <summary>A search's context: its settings, the run settings every step shares, the target, and when it started.</summary>
internal sealed record FindLimitRun(FindLimitSettings Settings, RunOptions Options, Uri TargetUrl, bool EmbeddedSimulator, DateTimeOffset StartedAtUtc);
