using System.Globalization;
using LlmLoad.Analysis.Slo;

namespace LlmLoad.FindLimit;

/// <summary>
/// The two answers of a search in words: the load above which the SLOs fail (the knee, with the concurrency
/// it needed by Little's law) and the load at which the server stops keeping up (the saturation point).
/// </summary>
internal static class LimitAnswers
{
    public static string Knee(FindLimitResult result)
    {
        var axis = result.Settings.By;
        var (below, above) = (result.Knee.Below, result.Knee.Above);
        if (above is null)
        {
            var highest = result.Steps.Where(s => s.Complete).MaxBy(s => s.Load);
            return highest is null
                ? $"no step ran to its end, so no limit was found ({result.StoppedBecause})"
                : $"no limit found: every step held, up to {axis.Format(highest.Load)} ({result.StoppedBecause}); raise the budget or --start";
        }

        if (below is null)
        {
            return $"no sustainable load found: the first step, {axis.Format(above.Load)}, already failed ({string.Join("; ", above.Reasons)}); lower --start";
        }

        var failure = above.Measurement.SlosPassed
            ? $"the SLOs hold up to ~{axis.Format(below.Load)}, but above it the server no longer keeps up"
            : string.Join("; ", above.Measurement.Slos.Where(s => !s.Passed).Select(s => $"{Breach(s.Objective)} above ~{axis.Format(below.Load)}"));
        return $"{failure} ({axis.Format(above.Load)} failed: {string.Join("; ", above.Reasons)}). {Needed(below, axis)}";
    }

    public static string Saturation(FindLimitResult result)
    {
        var axis = result.Settings.By;
        var (below, above) = (result.Saturation.Below, result.Saturation.Above);
        if (above is null)
        {
            var highest = result.Steps.Where(s => s.Complete).MaxBy(s => s.Load);
            return highest is null
                ? "saturation not reached"
                : $"saturation not reached: the server kept up with every load tried, up to {axis.Format(highest.Load)}";
        }

        var best = result.Steps.Where(s => s.Complete).Max(s => s.Measurement.AchievedRate);
        var past = axis == LoadAxis.Rate ? "past it the queue grows without bound" : "more concurrency only lengthens the queue";
        var at = below is null ? $"at or below {axis.Format(above.Load)}" : $"at ~{axis.Format(below.Load)}";
        return Text($"throughput stops growing {at} (the most achieved: {best:0.##} req/s): {past} ({axis.Format(above.Load)}: {string.Join("; ", above.Reasons)})");
    }

    /// <summary>An objective's failure as people say it: <c>P95 TTFT exceeds 500ms</c>, <c>error rate exceeds 1%</c>.</summary>
    public static string Breach(ServiceLevelObjective objective)
    {
        var name = objective.Statistic is { } statistic
            ? $"{Statistic(statistic)} {objective.MetricName.Replace('_', ' ').ToUpperInvariant()}"
            : objective.MetricName.Replace('_', ' ');
        var verb = objective.Comparison is SloComparison.Less or SloComparison.LessOrEqual ? "exceeds" : "falls below";
        return $"{name} {verb} {objective.Format(objective.Threshold)}";
    }

    private static string Statistic(SloStatistic statistic) => statistic switch
    {
        SloStatistic.Mean or SloStatistic.Max or SloStatistic.Min => statistic.ToWireName(),
        SloStatistic.P999 => "P99.9",
        _ => statistic.ToWireName().ToUpperInvariant(),
    };

    /// <summary>Little's law at the knee: the other axis's value there.</summary>
    private static string Needed(StepResult knee, LoadAxis axis)
    {
        var m = knee.Measurement;
        if (m.ConcurrencyNeeded is not { } inFlight || m.E2eMeanMs is not { } e2e)
        {
            return "";
        }

        return axis == LoadAxis.Rate
            ? Text($"At {axis.Format(knee.Load)} it needed ~{inFlight:0} requests in flight (Little's law: {m.AchievedRate:0.##} req/s x {e2e / 1000:0.##} s mean E2E).")
            : Text($"At {axis.Format(knee.Load)} it served {m.AchievedRate:0.##} req/s (Little's law: {inFlight:0} in flight / {e2e / 1000:0.##} s mean E2E).");
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
