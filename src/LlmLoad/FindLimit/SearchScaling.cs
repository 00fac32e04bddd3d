using LlmLoad.Analysis;
using LlmLoad.Analysis.Server;

namespace LlmLoad.FindLimit;

/// <summary>
/// The scaling triggers across a search's steps (find-limit.json <c>scaling</c>): the lowest load whose TTFT or E2E
/// objective failed, the lowest whose server queue grew without bound, and the lowest whose KV cache saturated, each
/// with its throughput and the GPU utilisation there. Null where no complete step reached it.
/// </summary>
internal sealed record SearchScaling(StepResult? SloExceeded, StepResult? QueueUnbounded, StepResult? KvCacheSaturated)
{
    public static SearchScaling Of(IEnumerable<StepResult> steps)
    {
        var byLoad = steps.Where(s => s.Complete).OrderBy(s => s.Load).ToList();
        return new SearchScaling(
            byLoad.FirstOrDefault(s => s.Measurement.Slos.Any(r => r.Objective.Metric is LatencyMetric.Ttft or LatencyMetric.E2e && !r.Passed)),
            byLoad.FirstOrDefault(s => s.Measurement.Server?.QueueUnbounded == true),
            byLoad.FirstOrDefault(s => s.Measurement.Server?.KvCacheMax >= ScalingTriggers.KvSaturation));
    }
}
