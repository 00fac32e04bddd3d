using System.Globalization;
using LlmLoad.Analysis;
using LlmLoad.Providers;
using LlmLoad.Reporting;

namespace LlmLoad.Cli.Output;

/// <summary>The console's lines on rate-limit utilisation and the concurrency cap, from the report's figures (docs/metrics.md, "Rate limits").</summary>
internal static class RateLimitUsageText
{
    /// <summary>Peak share of each limit, the first 429 with the minute before it, and the rate the limits allow; null when there is nothing to say.</summary>
    public static string? Line(RunReport report)
    {
        var usage = report.RateLimitUsage;
        var limits = report.Statistics.RateLimits;
        var parts = new List<string>();
        var peaks = new[]
        {
            Peak("RPM", usage.PeakRequestsShare), Peak("TPM", usage.PeakTokensShare),
            Peak("ITPM", usage.PeakInputTokensShare), Peak("OTPM", usage.PeakOutputTokensShare),
        }.OfType<string>().ToArray();
        if (peaks.Length > 0)
        {
            parts.Add(Invariant($"peak {string.Join(", ", peaks)} of the limit (last minute, at {usage.PeakAtSeconds:0.#} s)"));
        }

        if (usage.FirstRefusalSeconds is { } first)
        {
            var minute = usage.AtFirstRefusal ?? default;
            parts.Add(Invariant($"first 429 at {first:0.##} s ({(limits.FirstRefusalKind ?? RefusalKind.Unknown).ToWireName()}) with {minute.Requests} req and {minute.Tokens} tok in the minute before"));
        }

        if (usage.EffectiveRequestsPerMinute is { } effective)
        {
            parts.Add(Invariant($"limits allow {effective:0.#} req/min ({effective / 60:0.##} req/s) at {usage.TokensPerRequest:0} tok/request, bound by {usage.BindingLimit}"));
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    public static string? ConcurrencyLine(ConcurrencyRefusals concurrency)
        => concurrency.Refused == 0
            ? null
            : Invariant($"{concurrency.Refused} refused for concurrency, from {concurrency.BeganAtInFlight} others in flight (first at {concurrency.FirstRefusedInFlight}, lowest {concurrency.LowestRefusedInFlight})");

    private static string? Peak(string name, double? share) => share is { } s ? Invariant($"{name} {s * 100:0.#}%") : null;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
