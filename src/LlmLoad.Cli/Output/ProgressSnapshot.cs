using System.Globalization;
using LlmLoad.Cost;
using LlmLoad.Engine;
using LlmLoad.Shared;
using LlmLoad.Traffic;

namespace LlmLoad.Cli.Output;

/// <summary>What the live progress shows at one moment.</summary>
/// <param name="SpentUsd">What the finished requests cost; null when the run has no price.</param>
/// <param name="BudgetUsd">The run's cap, if any.</param>
internal sealed record ProgressSnapshot(TimeSpan Elapsed, TimeSpan? Remaining, string? Stage, long Finished, long? Planned, long InFlight, double RequestsPerSecond, double OutputTokensPerSecond, long Failed, long Dropped, decimal? SpentUsd = null, decimal? BudgetUsd = null)
{
    public static ProgressSnapshot Take(LiveCounters counters, LoadShape load, TimeSpan elapsed, CostSettings? cost = null)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-3);
        var finished = counters.Finished;
        var perSecond = finished / seconds;
        long? planned = load.Requests is { } requests ? requests + load.WarmupRequests : null;
        TimeSpan? remaining = load.Duration is { } duration
            ? Max(duration - elapsed, TimeSpan.Zero)
            : planned is { } total && perSecond > 0 ? TimeSpan.FromSeconds(Math.Max(0, total - finished) / perSecond) : null;
        return new ProgressSnapshot(elapsed, remaining, load.StageAt(elapsed)?.Name, finished, planned, counters.InFlight, perSecond, counters.OutputTokens / seconds, counters.Failed, counters.Dropped,
            cost?.Price is null ? null : counters.SpentUsd, cost?.BudgetUsd);
    }

    /// <summary>Spent so far, and of what cap: "$0.0123" or "$0.0123 / $1.00"; null when the run has no price.</summary>
    public string? CostText => SpentUsd is { } spent ? Usd.Format(spent) + (BudgetUsd is { } cap ? " / " + Usd.Format(cap) : "") : null;

    public string ToPlainLine() => string.Create(CultureInfo.InvariantCulture,
        $"[{Clock(Elapsed)}]{(Stage is null ? "" : " " + Stage)} done {Finished}{(Planned is { } p ? "/" + p : "")}  in flight {InFlight}  {RequestsPerSecond:0.0} req/s  {OutputTokensPerSecond:0} out tok/s  errors {Failed}{(Dropped > 0 ? $"  dropped {Dropped}" : "")}{(CostText is { } c ? "  cost " + c : "")}  remaining {(Remaining is { } r ? Clock(r) : "?")}");

    public static string Clock(TimeSpan time) => time.TotalHours >= 1
        ? time.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : time.ToString(@"mm\:ss", CultureInfo.InvariantCulture);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
