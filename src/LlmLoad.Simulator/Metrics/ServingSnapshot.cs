namespace LlmLoad.Simulator.Metrics;

/// <summary>The server's serving state at one instant, as the capacity scheduler sees it.</summary>
/// <param name="Running">Requests being generated (vLLM: in the execution batch).</param>
/// <param name="Waiting">Requests admitted but queued for a slot.</param>
/// <param name="KvCacheUsage">Fraction of the KV cache in use, 0 to 1.</param>
/// <param name="KvTokensUsed">KV cache tokens the running requests hold (prompt + max output each).</param>
/// <param name="KvTokensTotal">The KV cache's size in tokens; null when the profile leaves it unbounded.</param>
internal readonly record struct ServingSnapshot(int Running, int Waiting, double KvCacheUsage, long KvTokensUsed = 0, long? KvTokensTotal = null);
