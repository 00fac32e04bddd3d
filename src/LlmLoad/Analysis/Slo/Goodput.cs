using LlmLoad.Recording;

namespace LlmLoad.Analysis.Slo;

/// <summary>
/// The share of measured requests that were served well: succeeded, and met every per-request latency
/// objective (TTFT, TPOT, E2E, each request held to the threshold whatever statistic the objective names).
/// Failed requests count in the denominator as not met (DESIGN.md §2), so errors cannot raise goodput.
/// With no per-request objective it is the success share. Two counters: fixed memory.
/// </summary>
internal sealed class Goodput(IEnumerable<ServiceLevelObjective> objectives)
{
    private readonly ServiceLevelObjective[] _perRequest = objectives.Where(o => o.IsPerRequest).ToArray();

    /// <summary>The objectives every request is held to.</summary>
    public IReadOnlyList<ServiceLevelObjective> PerRequest => _perRequest;

    public long Met { get; private set; }

    public long Counted { get; private set; }

    /// <summary>Met over counted, 0–1; null before any measured request.</summary>
    public double? Ratio => Counted == 0 ? null : (double)Met / Counted;

    /// <summary>Adds one measured request.</summary>
    public void Add(RequestRecord record)
    {
        Counted++;
        if (record.Succeeded && MeetsAll(record))
        {
            Met++;
        }
    }

    private bool MeetsAll(RequestRecord record)
    {
        foreach (var objective in _perRequest)
        {
            var value = objective.Metric switch
            {
                LatencyMetric.Ttft => record.TtftMs,
                LatencyMetric.Tpot => record.TpotMs,
                _ => record.E2eMs,
            };
            // A value the request does not have (the TPOT of a one-token answer) cannot be missed.
            if (value is { } ms && !objective.Holds(ms))
            {
                return false;
            }
        }

        return true;
    }
}
