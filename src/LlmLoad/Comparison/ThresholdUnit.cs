namespace LlmLoad.Comparison;

/// <summary>How a --fail-on threshold measures the change.</summary>
internal enum ThresholdUnit
{
    /// <summary><c>%</c>: relative to the base (delta / base).</summary>
    Percent,

    /// <summary><c>pp</c>: percentage points of a share (error rate, goodput).</summary>
    Points,

    /// <summary><c>ms</c>, <c>s</c> or a bare number: the metric's own unit (ms, req/s, tok/s, USD).</summary>
    Absolute,
}
