namespace LlmLoad.Simulator.Metrics;

/// <summary>The latency histograms' bounds a flavour's server uses, so its quantile queries answer as they would against it.</summary>
internal sealed record FlavourBuckets(
    IReadOnlyList<double> TimeToFirstToken,
    IReadOnlyList<double> InterTokenLatency,
    IReadOnlyList<double> E2eLatency,
    IReadOnlyList<double> QueueTime)
{
    public static FlavourBuckets For(MetricsFlavor flavor) => flavor switch
    {
        MetricsFlavor.Sglang => new(SglangBuckets.TimeToFirstToken, SglangBuckets.InterTokenLatency, SglangBuckets.E2eRequestLatency, SglangBuckets.QueueTime),
        MetricsFlavor.Tgi => new(TgiBuckets.Duration, TgiBuckets.Duration, TgiBuckets.Duration, TgiBuckets.Duration),
        // llama.cpp writes no histograms; vLLM's bounds keep the unused series cheap and well-formed.
        _ => new(VllmBuckets.TimeToFirstToken, VllmBuckets.InterTokenLatency, VllmBuckets.RequestLatency, VllmBuckets.RequestLatency),
    };
}
