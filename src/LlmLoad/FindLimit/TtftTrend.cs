namespace LlmLoad.FindLimit;

/// <summary>Median TTFT (from the intended send) of the requests scheduled in the first and in the last third of a step.</summary>
internal sealed record TtftTrend(double FirstThirdMs, double LastThirdMs);
