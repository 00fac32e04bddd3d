using System.Globalization;

namespace LlmLoad.Analysis.Slo;

/// <summary>
/// One objective checked at the end of a run, such as <c>ttft.p95&lt;800ms</c> or <c>error_rate&lt;1%</c>.
/// The threshold is in milliseconds for latency, a fraction 0–1 for shares, per second for rates.
/// </summary>
/// <param name="Text">The expression without whitespace: how the objective is named in every output.</param>
/// <param name="AbortAfter">
/// With <c>,abort=D</c>: also checked while the run goes, over the requests completed in the last D;
/// failing there stops the run early (exit 3). Null: checked at the end only.
/// </param>
internal sealed record ServiceLevelObjective(string Text, SloMeasure Measure, LatencyMetric? Metric, SloStatistic? Statistic, SloComparison Comparison, double Threshold, TimeSpan? AbortAfter = null)
{
    /// <summary>
    /// TTFT, TPOT and E2E objectives also bound each request for goodput (whatever statistic they name):
    /// a user waits through one request, not through a percentile.
    /// </summary>
    public bool IsPerRequest => Metric is LatencyMetric.Ttft or LatencyMetric.Tpot or LatencyMetric.E2e;

    /// <summary>The metric's name as in expressions and summary.json: <c>ttft</c>, <c>error_rate</c>.</summary>
    public string MetricName => Metric?.ToWireName() ?? SloMeasureNames.RunLevel.First(m => m.Value == Measure).Key;

    public bool Holds(double value) => Comparison.Holds(value, Threshold);

    /// <summary>A value of this objective's kind as people read it: <c>512.3ms</c>, <c>1.25%</c>, <c>40.2/s</c>.</summary>
    public string Format(double value) => Measure switch
    {
        SloMeasure.Latency => string.Create(CultureInfo.InvariantCulture, $"{value:0.##}ms"),
        _ when Measure.IsShare() => string.Create(CultureInfo.InvariantCulture, $"{value * 100:0.##}%"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{value:0.##}/s"),
    };
}
