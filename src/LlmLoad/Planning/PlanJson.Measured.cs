using System.Text.Json;
using LlmLoad.Shared;

namespace LlmLoad.Planning;

/// <summary>The <c>from</c> and <c>measured</c> objects of a plan from a measured run; both null for the calculator.</summary>
internal static partial class PlanJson
{
    private static void WriteMeasured(Utf8JsonWriter json, CapacityPlan plan)
    {
        if (plan.Inputs.Measured is not { } measured)
        {
            json.WriteNull("from");
            json.WriteNull("measured");
            return;
        }

        json.WriteStartObject("from");
        json.WriteString("dir", measured.Directory);
        json.WriteString("summary_file", measured.Run.File);
        json.WriteString("find_limit_file", measured.Limits?.File);
        json.WriteString("target_from", plan.Inputs.TargetFrom);
        json.WriteEndObject();

        var run = measured.Run;
        json.WriteStartObject("measured");
        json.WriteString("model", run.Model);
        json.WriteNumberOrNull("requests", run.Measured);
        json.WriteNumberOrNull("succeeded", run.Succeeded);
        json.WriteNumberOrNull("failed", run.Failed);
        json.WriteNumberOrNull("input_tokens_mean", run.InputTokens);
        json.WriteNumberOrNull("cached_input_tokens_mean", run.CachedInputTokens);
        json.WriteNumberOrNull("output_tokens_mean", run.OutputTokens);
        json.WriteNumberOrNull("e2e_mean_s", run.MeanResponseSeconds);
        json.WriteNumberOrNull("e2e_p95_s", run.P95ResponseSeconds);
        json.WriteNumberOrNull("requests_per_s", run.RequestsPerSecond);
        json.WriteNumberOrNull("output_tokens_per_s", run.OutputTokensPerSecond);
        if (run.SlosPassed is { } passed)
        {
            json.WriteBoolean("slo_passed", passed);
        }
        else
        {
            json.WriteNull("slo_passed");
        }

        json.WriteStartArray("slo_failed");
        foreach (var check in run.SloChecks.Where(c => !c.Passed))
        {
            json.WriteStringValue(check.Expression);
        }

        json.WriteEndArray();
        json.WriteNumberOrNull("run_cost_usd", run.CostUsd);
        json.WriteString("find_limit_outcome", measured.Limits?.Outcome);
        WriteLimit(json, "knee", measured.Limits?.Knee);
        WriteLimit(json, "saturation", measured.Limits?.Saturation);
        json.WriteNumberOrNull("replica_rate_per_s", measured.Limits?.Knee?.RatePerReplica);
        PerLevel(json, "replicas", plan.Levels, l => l.Replicas);
        PerLevel(json, "concurrency_at_p95", plan.Levels, l => l.ConcurrencyAtP95);
        json.WriteStartArray("sources");
        foreach (var source in measured.Sources)
        {
            json.WriteStartObject();
            json.WriteString("figure", source.Figure);
            json.WriteString("value", source.Value);
            json.WriteString("file", source.File);
            json.WriteString("field", source.Field);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteLimit(Utf8JsonWriter json, string name, MeasuredLimit? limit)
    {
        if (limit is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        json.WriteNumberOrNull("load", limit.Load);
        json.WriteString("unit", limit.Unit);
        json.WriteNumberOrNull("achieved_rate", limit.AchievedRate);
        json.WriteNumberOrNull("concurrency_needed", limit.Concurrency);
        json.WriteNumberOrNull("step", limit.Step);
        json.WriteNumberOrNull("failing_load", limit.FailingLoad);
        json.WriteString("failing_verdict", limit.FailingVerdict);
        json.WriteEndObject();
    }

    /// <summary>A figure per load level, by the level's key; null when no level has it.</summary>
    private static void PerLevel(Utf8JsonWriter json, string name, IReadOnlyList<PlannedLevel> levels, Func<PlannedLevel, decimal?> figure)
    {
        if (!levels.Any(l => figure(l) is not null))
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        foreach (var level in levels)
        {
            json.WriteNumberOrNull(level.Key, figure(level));
        }

        json.WriteEndObject();
    }
}
