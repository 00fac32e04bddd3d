namespace LlmLoad.Comparison;

/// <summary>The whole-run figures of a summary.json a comparison reads (docs/metrics.md names each field).</summary>
internal sealed record RunFigures
{
    /// <summary><c>requests.measured</c>: requests outside warm-up.</summary>
    public required long Measured { get; init; }

    /// <summary><c>requests.failed</c>.</summary>
    public required long Failed { get; init; }

    /// <summary><c>slo.goodput_met</c>: measured requests that succeeded within every per-request objective.</summary>
    public long? GoodputMet { get; init; }

    public double? RequestsPerSecond { get; init; }

    public double? OutputTokensPerSecond { get; init; }

    /// <summary><c>cost.per_request_usd</c>; null without a price.</summary>
    public double? CostPerRequestUsd { get; init; }

    /// <summary><c>latency_ms.itl.*</c> by stat name (<c>p50</c>…): ITL is per token, and requests.jsonl keeps no per-token gaps.</summary>
    public IReadOnlyDictionary<string, double> Itl { get; init; } = new Dictionary<string, double>();
}
