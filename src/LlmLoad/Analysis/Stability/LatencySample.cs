using LlmLoad.Traffic;

namespace LlmLoad.Analysis.Stability;

/// <summary>
/// One successful request as the drift and cold-start checks read it: when it was sent, its TTFT, and its ITL as one
/// figure per request (its TPOT, the mean gap between its tokens), so each request counts once in the rank test.
/// </summary>
/// <param name="ItlMs">Null for an answer of one token, which has no gap.</param>
internal readonly record struct LatencySample(double SentMs, double? TtftMs, double? ItlMs, Stage? Stage, bool Warmup);
