using System.Text.Json;
using LlmLoad.Analysis;
using LlmLoad.Shared;

namespace LlmLoad.Reporting;

/// <summary>
/// summary.json's <c>targets</c> (per target: role, weight share, measured share, errors, latency, cost; null in a run
/// of one target) and <c>failover</c> (one object per drilled outage, docs/failover.md; empty without outages).
/// </summary>
internal static class RoutingJson
{
    public static void Write(Utf8JsonWriter json, RunReport report)
    {
        WriteTargets(json, report);
        json.WriteStartArray("failover");
        foreach (var drill in report.Failover ?? [])
        {
            WriteDrill(json, drill);
        }

        json.WriteEndArray();
    }

    private static void WriteTargets(Utf8JsonWriter json, RunReport report)
    {
        if (report.Options.Routing is not { } routing || report.Targets is not { } breakdown)
        {
            json.WriteNull("targets");
            return;
        }

        var totalWeight = routing.Targets.Sum(t => t.Weight);
        var measured = report.Statistics.Measured;
        json.WriteStartObject("targets");
        json.WriteNumber("failed_over", breakdown.FailedOver);
        json.WriteStartArray("by_target");
        var names = routing.Targets.Select(t => t.Name).Concat(breakdown.Targets.Keys.Where(k => routing.Targets.All(t => t.Name != k))).ToList();
        foreach (var name in names)
        {
            var spec = routing.Targets.FirstOrDefault(t => t.Name == name);
            var stats = breakdown.Targets.GetValueOrDefault(name);
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteStringOrNull("role", spec is null ? null : spec.Role.ToString().ToLowerInvariant());
            json.WriteNumberOrNull("weight_share", spec is null || totalWeight <= 0 ? null : Math.Round(spec.Weight / totalWeight, 6));
            json.WriteNumberOrNull("share", stats is not null && measured > 0 ? Math.Round((double)stats.Measured / measured, 6) : null);
            if (stats is null)
            {
                json.WriteNull("requests");
                json.WriteEndObject();
                continue;
            }

            json.WriteStartObject("requests");
            json.WriteNumber("measured", stats.Measured);
            json.WriteNumber("succeeded", stats.Succeeded);
            json.WriteNumber("failed", stats.Failed);
            json.WriteEndObject();
            SummaryJson.WriteErrors(json, stats);
            SummaryJson.WriteLatencies(json, stats, report.LatencyMetrics);
            json.WriteNumberOrNull("cost_usd", report.Options.Cost.Price is null ? null : stats.Cost.TotalUsd);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteDrill(Utf8JsonWriter json, FailoverReport drill)
    {
        json.WriteStartObject();
        json.WriteString("target", drill.Target);
        json.WriteString("kind", drill.Kind);
        json.WriteNumber("start_s", drill.StartS);
        json.WriteNumber("end_s", drill.EndS);
        json.WriteNumberOrNull("first_failover_s", Round(drill.FirstFailoverS));
        json.WriteNumberOrNull("failover_time_s", Round(drill.FailoverTimeS));
        json.WriteNumberOrNull("recovery_time_s", Round(drill.RecoveryTimeS));
        json.WriteNumberOrNull("share_before", drill.ShareBefore);
        WritePhase(json, "shift", drill.Shift);
        WritePhase(json, "during", drill.During);
        WritePhase(json, "fallback_before", drill.FallbackBefore);
        WritePhase(json, "fallback_during", drill.FallbackDuring);
        json.WriteEndObject();
    }

    private static void WritePhase(Utf8JsonWriter json, string name, PhaseFigures phase)
    {
        json.WriteStartObject(name);
        json.WriteNumber("requests", phase.Requests);
        json.WriteNumber("errors", phase.Errors);
        json.WriteNumberOrNull("success_share", phase.SuccessShare is { } share ? Math.Round(share, 6) : null);
        SummaryJson.WriteLatency(json, "e2e_ms", phase.E2eMs);
        json.WriteEndObject();
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 3) : null;
}
