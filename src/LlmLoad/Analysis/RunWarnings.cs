using System.Globalization;
using LlmLoad.Engine;
using LlmLoad.Providers;

namespace LlmLoad.Analysis;

/// <summary>Turns a run's numbers into plain warnings about how far its figures can be trusted.</summary>
internal static class RunWarnings
{
    private const double LagWarningMs = 10;
    private const double CpuWarningShare = 0.85;

    public static IReadOnlyList<string> For(RunStatistics stats, EngineResult engine, LoadShape load, ClientHealth client)
    {
        var warnings = new List<string>();
        var lag = stats.Latency(LatencyMetric.ScheduleLag);
        if (lag.P99 > LagWarningMs)
        {
            warnings.Add(Text($"schedule lag p99 is {lag.P99:0.#} ms: the client sent requests late, so the offered load was lower than asked; latency counted from the schedule (ttft_from_scheduled, e2e_from_scheduled) shows what users would have seen"));
        }

        if (engine.Dropped > 0)
        {
            warnings.Add(Text($"{engine.Dropped} arrivals were dropped because {load.Concurrency} requests were already in flight: the server is slower than the offered rate needs (Little's law: concurrency = rate × response time); raise --concurrency or lower --rate"));
        }

        if (client.CpuUtilization > CpuWarningShare)
        {
            warnings.Add(Text($"the client used {client.CpuUtilization:P0} of all CPU cores: it may itself be the bottleneck; run the target on another machine or lower the load"));
        }

        if (stats.Measured > 0 && stats.Failed * 10 >= stats.Measured)
        {
            warnings.Add(Text($"{stats.Failed} of {stats.Measured} measured requests failed: latency covers only the ones that succeeded"));
        }

        if (stats.RateLimits.RateLimited > 0)
        {
            warnings.Add(RateLimitWarning(stats.RateLimits, stats.Measured));
        }

        if (stats.OutputDiscrepancy.Mismatched > 0)
        {
            warnings.Add(Text($"the server's output token counts differ from the local tokenizer's on {stats.OutputDiscrepancy.Mismatched} of {stats.OutputDiscrepancy.Compared} requests ({stats.OutputDiscrepancy.DifferencePercent:+0.#;-0.#}% overall); the server's counts are used"));
        }

        return warnings;
    }

    private static string RateLimitWarning(RateLimitSummary limits, long measured)
    {
        // A cap on requests in flight is fixed by lowering the concurrency, not by a bigger per-minute tier.
        if (limits.RefusedBy(RefusalKind.Concurrency) * 2 > limits.RateLimited)
        {
            return Text($"{limits.RateLimited} of {measured} measured requests were refused with 429, {limits.RefusedBy(RefusalKind.Concurrency)} of them for concurrency from {limits.Concurrency.BeganAtInFlight} others in flight: this key caps requests in flight, whatever its per-minute limits");
        }

        var announced = string.Join(" and ", new[]
        {
            limits.LimitRequests is { } requests ? Text($"{requests} requests/min") : null,
            limits.LimitTokens is { } tokens ? Text($"{tokens} tokens/min") : null,
        }.OfType<string>());
        return announced.Length > 0
            ? Text($"{limits.RateLimited} of {measured} measured requests were refused with 429 under the API's announced limits ({announced}): throughput here is capped by the rate limit of this key or tier, not by the server's capacity")
            : Text($"{limits.RateLimited} of {measured} measured requests were refused with 429 and no rate-limit headers: a rate limit or a full server queue capped the throughput");
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
