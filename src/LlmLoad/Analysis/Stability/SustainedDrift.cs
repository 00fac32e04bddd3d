using System.Globalization;
using LlmLoad.Analysis.Server;

namespace LlmLoad.Analysis.Stability;

/// <summary>
/// Latency that crept up within one hold of constant load (the article's sustained-peak test): the drifts of TTFT and
/// ITL from the hold's first tenth to its last by <see cref="DriftRule"/>, with what the server showed meanwhile.
/// </summary>
/// <param name="Server">The GPU and queue figures of the two tenths; null when nothing was scraped.</param>
internal sealed record SustainedDrift(Hold Hold, IReadOnlyList<LatencyDrift> Drifts, HoldServerView? Server)
{
    /// <summary>The hold's drift, or null when neither latency drifted by the rule (or a tenth was too thin to tell).</summary>
    public static SustainedDrift? Find(Hold hold, IReadOnlyList<LatencySample> samples, ServerMetricsResult? server, DriftRule rule)
    {
        var inHold = samples.Where(s => !s.Warmup && (hold.Stage is null || ReferenceEquals(s.Stage, hold.Stage) || s.Stage?.Name == hold.Stage.Name)).ToList();
        var first = inHold.Where(s => hold.InFirstTenth(s.SentMs)).ToList();
        var last = inHold.Where(s => hold.InLastTenth(s.SentMs)).ToList();
        var drifts = new[]
        {
            (Drift: LatencyDrift.Compare("TTFT", Values(first, s => s.TtftMs), Values(last, s => s.TtftMs), rule), Floor: rule.TtftFloorMs),
            (Drift: LatencyDrift.Compare("ITL", Values(first, s => s.ItlMs), Values(last, s => s.ItlMs), rule), Floor: rule.ItlFloorMs),
        }
            .Where(d => d.Drift?.IsDrift(rule, d.Floor) == true)
            .Select(d => d.Drift!)
            .ToList();
        return drifts.Count == 0 ? null : new SustainedDrift(hold, drifts, server is { HasReadings: true } ? HoldServerView.Of(server, hold) : null);
    }

    /// <summary>The warning: where, each drift with its figures and p, and the server's side.</summary>
    public string Warning()
    {
        var where = Hold.Stage is { } stage ? Text($"in stage '{stage.Name}' ({Hold.Seconds:0} s at one level)") : Text($"over the run's {Hold.Seconds:0} s of constant load");
        var figures = string.Join("; ", Drifts.Select(d =>
            Text($"{d.Metric} p95 rose from {d.FirstP95Ms:0.#} ms (first tenth, {d.FirstCount} requests) to {d.LastP95Ms:0.#} ms (last tenth, {d.LastCount}), {FormatP(d.P)}")));
        var server = Server?.Describe() ?? "no server metrics were scraped to tell heat from load (--server-metrics with a DCGM exporter names GPU temperature and throttling)";
        return $"sustained-peak drift {where}: {figures}; {server}";
    }

    /// <summary>p to four decimals, and below 0.0001 as a bound: the normal approximation is not exact that far out.</summary>
    public static string FormatP(double p) => p < 0.0001 ? "p<0.0001" : Text($"p={p:0.####}");

    private static double[] Values(List<LatencySample> samples, Func<LatencySample, double?> value) => [.. samples.Select(value).OfType<double>()];

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
