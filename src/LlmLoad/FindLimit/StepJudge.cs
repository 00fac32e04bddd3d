using System.Globalization;

namespace LlmLoad.FindLimit;

/// <summary>
/// The verdict rules (docs/find-limit.md). A step is <c>saturated</c> when throughput no longer follows
/// the load, <c>queue_growing</c> when latency climbs while the step runs (the queue grows without bound
/// even if throughput still looks right; on the concurrency axis, when requests wait for the server), <c>slo_failed</c> when an objective fails, else <c>ok</c>;
/// the worst one that applies is the verdict, and every one that applies is named in the reasons.
/// </summary>
internal static class StepJudge
{
    /// <summary>Rate axis: achieved below this share of the offered rate is saturated (GuideLLM and vLLM compare the two the same way).</summary>
    public const double SaturatedBelow = 0.9;

    /// <summary>
    /// Rate axis: ...by at least this many requests over the steady part. Comparing with the arrivals one response
    /// time earlier cancels their own ups and downs; what is left is a request or two crossing the window's edges
    /// when latency jitters. A short step counts a dozen requests, where one crossing is already 8%.
    /// </summary>
    public const double SaturatedMinShortfall = 3;

    /// <summary>
    /// Concurrency axis: a closed loop's throughput cannot fall short of its load, so saturation is the
    /// throughput no longer growing with concurrency: the gain over the step below, relative to the gain in
    /// concurrency, under this share. A server whose decode slows as its batch fills still gains ~20% near full.
    /// </summary>
    public const double ConcurrencyGainBelow = 0.1;

    /// <summary>Rate axis: the last third's median TTFT above this multiple of the first third's is a growing queue...</summary>
    public const double QueueGrowthRatio = 1.5;

    /// <summary>...provided it also grew by this much, so that a few milliseconds of jitter on a fast server do not count.</summary>
    public const double QueueGrowthMinMs = 50;

    /// <param name="below">On the concurrency axis, the highest-load complete step under this one that was not saturated; null for the first.</param>
    /// <param name="lowest">On the concurrency axis, the lowest-load complete step, whose TTFT is the unqueued one; null for the first.</param>
    public static StepResult Judge(int index, StepMeasurement step, LoadAxis axis, StepMeasurement? below = null, StepMeasurement? lowest = null)
    {
        var reasons = new List<string>();
        var saturated = axis == LoadAxis.Rate ? RateSaturated(step, reasons) : ConcurrencySaturated(step, below, reasons);
        var growing = axis == LoadAxis.Rate ? QueueGrowing(step, reasons) : Queueing(step, lowest, reasons);
        foreach (var slo in step.Slos.Where(s => !s.Passed))
        {
            reasons.Add($"{slo.Objective.Text}: measured {slo.MeasuredText}");
        }

        var verdict = saturated ? StepVerdict.Saturated
            : growing ? StepVerdict.QueueGrowing
            : !step.SlosPassed ? StepVerdict.SloFailed
            : StepVerdict.Ok;
        return new StepResult(index, step, verdict, reasons);
    }

    private static bool RateSaturated(StepMeasurement step, List<string> reasons)
    {
        var offered = step.OfferedRate ?? step.Load;
        if (offered <= 0 || step.AchievedRate >= SaturatedBelow * offered || WithinEdgeNoise(step, offered))
        {
            return false;
        }

        reasons.Add(Text($"achieved {step.AchievedRate:0.##} of {offered:0.##} req/s offered ({step.AchievedRate / offered:0%})"));
        return true;
    }

    /// <summary>Too few requests short to tell from edge effects; a measurement without its steady part's length is judged by the share alone.</summary>
    private static bool WithinEdgeNoise(StepMeasurement step, double offered)
        => step.SteadySeconds > 0 && (offered - step.AchievedRate) * step.SteadySeconds < SaturatedMinShortfall;

    private static bool ConcurrencySaturated(StepMeasurement step, StepMeasurement? below, List<string> reasons)
    {
        if (below is null || below.AchievedRate <= 0 || step.Load <= below.Load)
        {
            return false;
        }

        var gain = ((step.AchievedRate / below.AchievedRate) - 1) / ((step.Load / below.Load) - 1);
        if (gain >= ConcurrencyGainBelow)
        {
            return false;
        }

        reasons.Add(Text($"throughput {step.AchievedRate:0.##} req/s against {below.AchievedRate:0.##} at {below.Load:0} concurrent: {gain:0%} of the gain in concurrency"));
        return true;
    }

    private static bool QueueGrowing(StepMeasurement step, List<string> reasons)
    {
        if (step.Trend is not { } trend || trend.LastThirdMs <= trend.FirstThirdMs * QueueGrowthRatio || trend.LastThirdMs - trend.FirstThirdMs < QueueGrowthMinMs)
        {
            return false;
        }

        reasons.Add(Text($"TTFT rose from {trend.FirstThirdMs:0} ms (first third) to {trend.LastThirdMs:0} ms (last third)"));
        return true;
    }

    /// <summary>
    /// A closed loop's queue is bounded by its users, so it cannot grow without bound; past the server's
    /// capacity the extra users wait instead, which shows as median TTFT above the lowest step's by the same
    /// margins as a growing queue. Throughput alone finds this late: the doubling step that crosses the
    /// capacity still gains.
    /// </summary>
    private static bool Queueing(StepMeasurement step, StepMeasurement? lowest, List<string> reasons)
    {
        if (lowest is null || step.Load <= lowest.Load || step.TtftP50Ms is not { } ttft || lowest.TtftP50Ms is not { } unqueued
            || ttft <= unqueued * QueueGrowthRatio || ttft - unqueued < QueueGrowthMinMs)
        {
            return false;
        }

        reasons.Add(Text($"requests queue: median TTFT {ttft:0} ms against {unqueued:0} ms at {lowest.Load:0} concurrent"));
        return true;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
