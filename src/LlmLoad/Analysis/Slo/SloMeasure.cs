namespace LlmLoad.Analysis.Slo;

/// <summary>What an objective measures over the run.</summary>
internal enum SloMeasure
{
    /// <summary>A statistic of a latency distribution, in milliseconds.</summary>
    Latency,

    /// <summary>Failed measured requests over measured requests, 0–1.</summary>
    ErrorRate,

    /// <summary>Measured requests refused with 429 over measured requests, 0–1.</summary>
    RateLimited,

    /// <summary>Measured requests that succeeded and met every per-request latency objective, over measured requests, 0–1.</summary>
    Goodput,

    OutputTokensPerSecond,

    RequestsPerSecond,
}

internal static class SloMeasureNames
{
    /// <summary>The measures written without a statistic, by their name in expressions.</summary>
    public static IReadOnlyDictionary<string, SloMeasure> RunLevel { get; } = new Dictionary<string, SloMeasure>(StringComparer.Ordinal)
    {
        ["error_rate"] = SloMeasure.ErrorRate,
        ["rate_limited"] = SloMeasure.RateLimited,
        ["goodput"] = SloMeasure.Goodput,
        ["output_tokens_per_s"] = SloMeasure.OutputTokensPerSecond,
        ["requests_per_s"] = SloMeasure.RequestsPerSecond,
    };

    public static bool IsShare(this SloMeasure measure) => measure is SloMeasure.ErrorRate or SloMeasure.RateLimited or SloMeasure.Goodput;

    /// <summary>The unit of thresholds and measured values in summary.json.</summary>
    public static string Unit(this SloMeasure measure) => measure switch
    {
        SloMeasure.Latency => "ms",
        SloMeasure.OutputTokensPerSecond or SloMeasure.RequestsPerSecond => "per_s",
        _ => "ratio",
    };
}
