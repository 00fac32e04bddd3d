using LlmLoad.Providers;

namespace LlmLoad.Analysis.Slo;

/// <summary>Checks objectives against the statistics of a finished run.</summary>
internal static class SloCheck
{
    public static IReadOnlyList<SloResult> Evaluate(IEnumerable<ServiceLevelObjective> objectives, RunStatistics stats, double requestsPerSecond, double outputTokensPerSecond)
        => objectives.Select(o => new SloResult(o, Measure(o, stats, requestsPerSecond, outputTokensPerSecond))).ToList();

    private static double? Measure(ServiceLevelObjective objective, RunStatistics stats, double requestsPerSecond, double outputTokensPerSecond)
    {
        double? Share(long count) => stats.Measured == 0 ? null : (double)count / stats.Measured;
        return objective.Measure switch
        {
            SloMeasure.Latency => stats.Latency(objective.Metric!.Value) is { Count: > 0 } latency ? objective.Statistic!.Value.Of(latency) : null,
            SloMeasure.ErrorRate => Share(stats.Failed),
            SloMeasure.RateLimited => Share(stats.Errors[ErrorClass.RateLimited]),
            SloMeasure.Goodput => stats.Goodput.Ratio,
            SloMeasure.OutputTokensPerSecond => outputTokensPerSecond,
            _ => requestsPerSecond,
        };
    }
}
