using LlmLoad.Analysis.Slo;
using LlmLoad.Recording;

namespace LlmLoad.Analysis;

/// <summary>Statistics per workload category, each checked against the run's objectives; fed by the recorder thread.</summary>
internal sealed class CategoryBreakdown(IReadOnlyList<ServiceLevelObjective> objectives) : IRequestSink
{
    private readonly Dictionary<string, RunStatistics> _categories = new(StringComparer.Ordinal);

    /// <summary>In the order categories first completed a request; empty without categories.</summary>
    public IReadOnlyDictionary<string, RunStatistics> Categories => _categories;

    public void OnRecord(RequestMeasurement measurement)
    {
        if (measurement.Record.Category is not { } category)
        {
            return;
        }

        if (!_categories.TryGetValue(category, out var statistics))
        {
            statistics = new RunStatistics(objectives);
            _categories[category] = statistics;
        }

        statistics.Add(measurement);
    }
}
