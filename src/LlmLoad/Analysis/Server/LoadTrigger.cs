namespace LlmLoad.Analysis.Server;

/// <summary>
/// The first point of a run where a scaling trigger fired: when, in which stage, at what load and throughput, and what
/// the server showed then (its batch, queue, KV cache and GPU utilisation).
/// </summary>
/// <param name="What">What fired: "slo" (an objective's percentile over its threshold), "kv_cache_saturated".</param>
/// <param name="Detail">The objective and the measured value, or the KV cache share.</param>
/// <param name="Level">The stage's peak level (rate per second or users), or the run's rate or concurrency; null when unknown.</param>
internal sealed record LoadTrigger(string What, string Detail, double AtSeconds, string? Stage, double? Level, double ThroughputPerSecond, ServerWindow Server);
