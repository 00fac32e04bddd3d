using System.Globalization;
using LlmLoad.FindLimit;

namespace LlmLoad.Cli.Output;

/// <summary>
/// find-limit's scaling line: the lowest step load at which each trigger of find-limit.json <c>scaling</c> fired (a
/// TTFT/E2E objective broken, the server's queue growing without bound, the KV cache saturating), with the GPU
/// utilisation there; the article's "what concurrency causes P95 latency to exceed your SLA".
/// </summary>
internal static class SearchScalingLine
{
    public static string For(FindLimitResult result)
    {
        var scaling = SearchScaling.Of(result.Steps);
        var axis = result.Settings.By;
        var scraped = result.Steps.Any(s => s.Measurement.Server is not null);
        var described = new HashSet<int>();
        string At(StepResult step) => SearchScalingLine.At(axis, step, described);
        var parts = new List<string>
        {
            scaling.SloExceeded is { } slo ? $"latency SLO broken at {At(slo)}" : "no TTFT/E2E objective broken",
        };
        if (!scraped)
        {
            parts.Add("queue and KV cache unknown (no server metrics scraped; --server-metrics URL)");
        }
        else
        {
            parts.Add(scaling.QueueUnbounded is { } queue
                ? $"queue grows without bound from {At(queue)}" + I($" (+{queue.Measurement.Server?.WaitingSlopePerSecond ?? 0:0.##} waiting/s)")
                : "queue bounded in every step");
            parts.Add(scaling.KvCacheSaturated is { } kv ? $"KV cache saturates at {At(kv)}" : "KV cache below 95% in every step");
        }

        return string.Join("; ", parts);
    }

    /// <summary>The load, and the step's figures the first time it is named (two triggers often fire in the same step).</summary>
    private static string At(LoadAxis axis, StepResult step, HashSet<int> described)
    {
        if (!described.Add(step.Index))
        {
            return axis.Format(step.Load) + I($" (step {step.Index})");
        }

        var m = step.Measurement;
        var text = axis.Format(step.Load) + I($" (step {step.Index}, achieved {m.AchievedRate:0.##} req/s");
        if (m.TtftP95Ms is { } ttft)
        {
            text += I($", TTFT p95 {ttft:0} ms");
        }

        if (m.Server?.GpuUtilMean is { } gpu)
        {
            text += I($", GPU util {gpu:0}%");
        }

        return text + ")";
    }

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
