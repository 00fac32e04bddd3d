using LlmLoad.Shared;

namespace LlmLoad.Comparison;

/// <summary>Compares a candidate run with the base, metric by metric (docs/compare.md says how each is tested).</summary>
internal sealed class RunComparer(ComparisonSettings settings)
{
    public RunComparison Compare(ComparedRun baseRun, ComparedRun candidate)
    {
        var metrics = ComparedMetrics.All.Select(m => Compare(m, baseRun, candidate)).ToList();
        // By field, not by position: a run on the built-in simulator has no URL setting.
        var baseSettings = baseRun.Settings.ToDictionary(s => s.Field, s => s.Value, StringComparer.Ordinal);
        var candidateSettings = candidate.Settings.ToDictionary(s => s.Field, s => s.Value, StringComparer.Ordinal);
        var differences = baseRun.Settings.Concat(candidate.Settings).Select(s => s.Field).Distinct()
            .Select(field => new SettingDifference(field, baseSettings.GetValueOrDefault(field, "none"), candidateSettings.GetValueOrDefault(field, "none")))
            .Where(d => d.Base != d.Candidate)
            .ToList();
        return new RunComparison(baseRun, candidate, metrics, differences);
    }

    private MetricComparison Compare(ComparedMetric metric, ComparedRun baseRun, ComparedRun candidate)
    {
        var (b, c) = (metric.Value(baseRun), metric.Value(candidate));
        double? delta = b is { } x && c is { } y ? y - x : null;
        double? relative = delta is { } d && b is { } bv && bv != 0 ? d / bv : null;
        var comparison = new MetricComparison(metric, b, c, delta, relative, null, null, null);
        return metric.Kind switch
        {
            MetricKind.Latency => WithLatencyTests(comparison, metric.Values(baseRun), metric.Values(candidate)),
            MetricKind.Proportion => WithProportionTest(comparison, metric.Counts!(baseRun), metric.Counts!(candidate)),
            _ => comparison,
        };
    }

    private MetricComparison WithLatencyTests(MetricComparison comparison, double[] baseValues, double[] candidateValues)
    {
        if (baseValues.Length == 0 || candidateValues.Length == 0)
        {
            return comparison;
        }

        var interval = PercentileBootstrap.DifferenceInterval(baseValues, candidateValues, comparison.Metric.Quantile, settings.Level, settings.Resamples, settings.Seed);
        var (_, p) = MannWhitney.Test(baseValues, candidateValues);
        var excludesZero = interval.Low > 0 || interval.High < 0;
        var belowAlpha = p < settings.Alpha;
        var significant = settings.Significance switch
        {
            SignificanceRule.Interval => excludesZero,
            SignificanceRule.Rank => belowAlpha,
            _ => excludesZero && belowAlpha,
        };
        return comparison with { Interval = interval, P = p, Significant = significant };
    }

    private MetricComparison WithProportionTest(MetricComparison comparison, (long Count, long Of)? baseCounts, (long Count, long Of)? candidateCounts)
    {
        if (baseCounts is not { } b || candidateCounts is not { } c || TwoProportionTest.P(b.Count, b.Of, c.Count, c.Of) is not { } p)
        {
            return comparison;
        }

        return comparison with { P = p, Significant = p < settings.Alpha };
    }
}
