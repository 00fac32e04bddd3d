using LlmLoad.Workload;

namespace LlmLoad.Simulator.Serving;

/// <summary>
/// The gap between tokens for the batch size at the moment a token is generated: the base latency with
/// one sequence, rising linearly to <see cref="ServingCapacity.InterTokenLatencyAtMaxBatchMs"/> with a full
/// batch. Per-sequence speed falls as the batch grows while total throughput still rises, then saturates:
/// the shape users look for when they measure a real server. Jitter keeps the base's relative spread.
/// </summary>
internal sealed class DecodeSpeed(NormalSpec baseGapMs, ServingCapacity capacity)
{
    public double SampleGapMs(int batchSize, Random random)
    {
        var mean = MeanGapMs(batchSize);
        if (mean == baseGapMs.Mean)
        {
            return baseGapMs.Sample(random);
        }

        var stdDev = baseGapMs.Mean > 0 ? baseGapMs.StdDev * mean / baseGapMs.Mean : baseGapMs.StdDev;
        return new NormalSpec(mean, stdDev).Sample(random);
    }

    public double MeanGapMs(int batchSize)
    {
        if (capacity.InterTokenLatencyAtMaxBatchMs is not { } fullGapMs || capacity.MaxBatch is not { } maxBatch || maxBatch <= 1)
        {
            return baseGapMs.Mean;
        }

        var fraction = Math.Clamp((batchSize - 1) / (double)(maxBatch - 1), 0, 1);
        return baseGapMs.Mean + ((fullGapMs - baseGapMs.Mean) * fraction);
    }
}
