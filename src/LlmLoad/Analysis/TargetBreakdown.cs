using LlmLoad.Analysis.Slo;
using LlmLoad.Recording;

namespace LlmLoad.Analysis;

/// <summary>Statistics per target that served requests (the record's <c>target</c>); empty in a run of one target.</summary>
internal sealed class TargetBreakdown(IReadOnlyList<ServiceLevelObjective> objectives) : IRequestSink
{
    private readonly Dictionary<string, RunStatistics> _targets = new(StringComparer.Ordinal);

    /// <summary>In the order targets first completed a request.</summary>
    public IReadOnlyDictionary<string, RunStatistics> Targets => _targets;

    /// <summary>Measured requests that moved from one target to another.</summary>
    public long FailedOver { get; private set; }

    public void OnRecord(RequestMeasurement measurement)
    {
        var record = measurement.Record;
        if (record.Target is not { } target)
        {
            return;
        }

        if (!_targets.TryGetValue(target, out var statistics))
        {
            statistics = new RunStatistics(objectives);
            _targets[target] = statistics;
        }

        statistics.Add(measurement);
        if (record.FailoverFrom is not null && !record.Warmup)
        {
            FailedOver++;
        }
    }
}
