using System.Globalization;
using LlmLoad.Shared;

namespace LlmLoad.Analysis.Stability;

/// <summary>
/// The first requests of a run against its steady state (docs/metrics.md, "Cold start"): a server's first answers after
/// start-up pay for loading, compiling and filling caches. The first requests are the warm-up's when the run had one
/// (what it hid from the figures), else the first measured ones (what is in them). Called cold when their median TTFT
/// is at least <see cref="Factor"/> times the steady state's median and at least <see cref="FloorMs"/> above it, so a
/// fast server's jitter (8 ms against 4 ms) is not.
/// </summary>
/// <param name="HiddenByWarmup">The first requests were warm-up requests, left out of the figures.</param>
internal sealed record ColdStart(int Count, double FirstMedianMs, double FirstMaxMs, double SteadyMedianMs, double SteadyP95Ms, bool HiddenByWarmup)
{
    public const double Factor = 2;
    public const double FloorMs = 100;

    /// <summary>The first requests are 5% of them, at least 3 and at most 10; the steady state needs this many requests.</summary>
    public const int MinFirst = 3;
    public const int MaxFirst = 10;
    public const int MinSteady = 20;

    public static ColdStart? Find(IReadOnlyList<LatencySample> samples)
    {
        var bySend = samples.Where(s => s.TtftMs is not null).OrderBy(s => s.SentMs).ToList();
        // A warm-up is what came before the first measured request; a cool-down stage's requests are not one.
        var warmup = bySend.TakeWhile(s => s.Warmup).ToList();
        var measured = bySend.Where(s => !s.Warmup).ToList();
        var pool = warmup.Count >= MinFirst ? warmup : measured;
        var count = Math.Clamp(pool.Count / 20, MinFirst, MaxFirst);
        // The steady state starts after the first tenth of the measured requests, and after the first requests themselves.
        var steady = measured.Skip(Math.Max(measured.Count / 10, ReferenceEquals(pool, measured) ? count : 0)).Select(s => s.TtftMs!.Value).Order().ToArray();
        if (pool.Count < MinFirst || steady.Length < MinSteady)
        {
            return null;
        }

        var first = pool.Take(count).Select(s => s.TtftMs!.Value).Order().ToArray();
        var cold = new ColdStart(first.Length, Percentiles.Of(first, 0.5)!.Value, first[^1], Percentiles.Of(steady, 0.5)!.Value, Percentiles.Of(steady, 0.95)!.Value, !ReferenceEquals(pool, measured));
        return cold.FirstMedianMs >= Factor * cold.SteadyMedianMs && cold.FirstMedianMs - cold.SteadyMedianMs >= FloorMs ? cold : null;
    }

    public string Warning()
    {
        var figures = Text($"the first {Count} requests' TTFT had a median of {FirstMedianMs:0} ms (slowest {FirstMaxMs:0} ms) against the steady state's median of {SteadyMedianMs:0} ms (p95 {SteadyP95Ms:0} ms)");
        return HiddenByWarmup
            ? $"cold start hidden by the warm-up: {figures}; the figures leave them out, but a server's first users after a restart or a scale-up wait that long"
            : $"cold start: {figures}; they are in the figures, so TTFT's mean and upper percentiles include the server's warm-up; --warmup {Count} (or a duration, e.g. --warmup 30s) leaves it out";
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
