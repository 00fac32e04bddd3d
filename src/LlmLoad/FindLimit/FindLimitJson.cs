using System.Globalization;
using System.Text.Json;
using LlmLoad.Engine;
using LlmLoad.Shared;

namespace LlmLoad.FindLimit;

/// <summary>Writes OUT/find-limit.json, schema <c>llmload.find-limit/v1</c> (docs/find-limit.md has every field).</summary>
internal static class FindLimitJson
{
    public const string FileName = "find-limit.json";
    public const string Schema = "llmload.find-limit/v1";

    /// <summary>Writes (atomically: a reader never sees half a file) what is known so far; called after every step and at the end.</summary>
    /// <param name="result">The search's end, or null while it runs.</param>
    public static string Write(FindLimitRun run, IReadOnlyList<StepResult> steps, FindLimitResult? result)
    {
        Directory.CreateDirectory(run.Options.OutDir);
        var path = Path.Combine(run.Options.OutDir, FileName);
        var temporary = path + ".tmp";
        using (var file = File.Create(temporary))
        using (var json = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true }))
        {
            WriteDocument(json, run, steps, result);
        }

        File.Move(temporary, path, overwrite: true);
        return path;
    }

    private static void WriteDocument(Utf8JsonWriter json, FindLimitRun run, IReadOnlyList<StepResult> steps, FindLimitResult? result)
    {
        var settings = run.Settings;
        var options = run.Options;
        json.WriteStartObject();
        json.WriteHeader(Schema);
        json.WriteString("started_at", run.StartedAtUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        json.WriteString("outcome", result?.Outcome.ToWireName() ?? "running");
        json.WriteNumberOrNull("duration_s", Round(result?.ElapsedSeconds));
        json.WriteNumber("requests_sent", steps.Sum(s => s.Measurement.Requests));
        json.WriteStringOrNull("stopped_because", result?.StoppedBecause);
        json.WriteBoolean("budget_ran_out", result?.BudgetRanOut ?? false);
        json.WriteNumberOrNull("cost_usd", StepResult.CostUsd(steps));

        json.WriteStartObject("target");
        json.WriteString("provider", options.Provider);
        json.WriteString("url", new UriBuilder(run.TargetUrl) { UserName = "", Password = "" }.Uri.ToString());
        json.WriteString("model", options.Model);
        json.WriteBoolean("stream", options.Stream);
        json.WriteBoolean("embedded_simulator", run.EmbeddedSimulator);
        json.WriteStringOrNull("simulator_profile", run.EmbeddedSimulator ? options.SimulatorProfile : null);
        json.WriteEndObject();

        json.WriteStartObject("search");
        json.WriteString("by", settings.By.ToWireName());
        json.WriteNumber("start", settings.Start);
        json.WriteNumber("factor", FindLimitSettings.Factor);
        json.WriteNumber("tolerance", settings.Tolerance);
        json.WriteNumber("step_duration_s", settings.StepDuration.TotalSeconds);
        json.WriteNumber("grace_s", settings.StepGrace.TotalSeconds);
        json.WriteNumber("max_time_s", settings.MaxTime.TotalSeconds);
        json.WriteNumberOrNull("max_requests", settings.MaxRequests);
        json.WriteNumberOrNull("budget_usd", settings.BudgetUsd);
        json.WriteStringOrNull("arrival", settings.By == LoadAxis.Rate ? options.Load.Arrival.ToString() : null);
        json.WriteNumberOrNull("concurrency_cap", settings.By == LoadAxis.Rate ? options.Load.Concurrency : null);
        json.WriteString("input_tokens", options.Workload.Input.ToString());
        json.WriteString("output_tokens", options.Workload.Output.ToString());
        json.WriteNumber("seed", options.Seed);
        json.WriteStartArray("slos");
        foreach (var slo in options.Slos)
        {
            json.WriteStringValue(slo.Text);
        }

        json.WriteEndArray();
        json.WriteStartObject("rules");
        json.WriteNumber("saturated_below", StepJudge.SaturatedBelow);
        json.WriteNumber("saturated_min_shortfall", StepJudge.SaturatedMinShortfall);
        json.WriteNumber("concurrency_gain_below", StepJudge.ConcurrencyGainBelow);
        json.WriteNumber("queue_growth_ratio", StepJudge.QueueGrowthRatio);
        json.WriteNumber("queue_growth_min_ms", StepJudge.QueueGrowthMinMs);
        json.WriteEndObject();
        json.WriteEndObject();

        var complete = steps.Where(s => s.Complete).ToList();
        WriteLimit(json, "knee", Bracket.Knee(complete), settings.By);
        WriteLimit(json, "saturation", Bracket.Saturation(complete), settings.By);
        json.WriteNumberOrNull("max_achieved_rate", Round(complete.Select(s => (double?)s.Measurement.AchievedRate).Max()));
        WriteScaling(json, SearchScaling.Of(steps));

        json.WriteStartArray("curve");
        foreach (var step in steps.OrderBy(s => s.Load).ThenBy(s => s.Index))
        {
            WriteStep(json, step);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>A limit: the last passing load (with its throughput and Little's-law concurrency) and the first failing one.</summary>
    private static void WriteLimit(Utf8JsonWriter json, string name, Bracket bracket, LoadAxis axis)
    {
        json.WriteStartObject(name);
        json.WriteNumberOrNull("load", bracket.Below?.Load);
        json.WriteNumberOrNull("achieved_rate", Round(bracket.Below?.Measurement.AchievedRate));
        json.WriteNumberOrNull("concurrency_needed", Round(bracket.Below?.Measurement.ConcurrencyNeeded));
        json.WriteNumberOrNull("step", bracket.Below?.Index);
        json.WriteNumberOrNull("failing_load", bracket.Above?.Load);
        json.WriteNumberOrNull("failing_step", bracket.Above?.Index);
        json.WriteStringOrNull("failing_verdict", bracket.Above?.Verdict.ToWireName());
        json.WriteNumberOrNull("gap", bracket is { Below: { } below, Above: { } above } ? Round((above.Load - below.Load) / below.Load) : null);
        json.WriteString("unit", axis == LoadAxis.Rate ? "req/s" : "concurrent requests");
        json.WriteEndObject();
    }

    private static void WriteStep(Utf8JsonWriter json, StepResult step)
    {
        var m = step.Measurement;
        json.WriteStartObject();
        json.WriteNumber("step", step.Index);
        json.WriteNumber("load", m.Load);
        json.WriteStringOrNull("dir", m.Directory);
        json.WriteNumberOrNull("offered_rate", Round(m.OfferedRate));
        json.WriteNumber("achieved_rate", Round(m.AchievedRate)!.Value);
        json.WriteNumber("output_tokens_per_s", Round(m.OutputTokensPerSecond)!.Value);
        json.WriteNumberOrNull("ttft_p50_ms", Round(m.TtftP50Ms));
        json.WriteNumberOrNull("ttft_p95_ms", Round(m.TtftP95Ms));
        json.WriteNumberOrNull("itl_p50_ms", Round(m.ItlP50Ms));
        json.WriteNumberOrNull("e2e_p95_ms", Round(m.E2eP95Ms));
        json.WriteNumberOrNull("e2e_mean_ms", Round(m.E2eMeanMs));
        json.WriteNumberOrNull("concurrency_needed", Round(m.ConcurrencyNeeded));
        json.WriteNumber("error_rate", Math.Round(m.ErrorRate, 5));
        json.WriteNumberOrNull("ttft_first_third_ms", Round(m.Trend?.FirstThirdMs));
        json.WriteNumberOrNull("ttft_last_third_ms", Round(m.Trend?.LastThirdMs));
        json.WriteBoolean("slo_passed", m.SlosPassed);
        json.WriteStartArray("slos");
        foreach (var slo in m.Slos)
        {
            json.WriteStartObject();
            json.WriteString("objective", slo.Objective.Text);
            json.WriteNumberOrNull("measured", Round(slo.Measured));
            json.WriteBoolean("passed", slo.Passed);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("verdict", step.Verdict.ToWireName());
        json.WriteStartArray("reasons");
        foreach (var reason in step.Reasons)
        {
            json.WriteStringValue(reason);
        }

        json.WriteEndArray();
        json.WriteNumber("requests", m.Requests);
        json.WriteNumber("duration_s", Round(m.DurationSeconds)!.Value);
        json.WriteString("stopped_by", m.StoppedBy.ToWireName());
        json.WriteNumberOrNull("cost_usd", m.CostUsd);
        WriteServer(json, m.Server);
        json.WriteEndObject();
    }

    private static void WriteServer(Utf8JsonWriter json, StepServer? server)
    {
        if (server is null)
        {
            json.WriteNull("server");
            return;
        }

        json.WriteStartObject("server");
        json.WriteNumberOrNull("running_mean", Round(server.RunningMean));
        json.WriteNumberOrNull("waiting_mean", Round(server.WaitingMean));
        json.WriteNumberOrNull("waiting_slope_per_s", Round(server.WaitingSlopePerSecond));
        json.WriteBoolean("queue_unbounded", server.QueueUnbounded);
        json.WriteNumberOrNull("kv_cache_max_pct", Round(server.KvCacheMax * 100));
        json.WriteNumberOrNull("gpu_util_mean_pct", Round(server.GpuUtilMean));
        json.WriteNumberOrNull("queue_share_of_ttft", Round(server.QueueShareOfTtft));
        json.WriteEndObject();
    }

    /// <summary>find-limit.json's <c>scaling</c>: the lowest load at which each trigger fired, with what the server showed there.</summary>
    private static void WriteScaling(Utf8JsonWriter json, SearchScaling scaling)
    {
        json.WriteStartObject("scaling");
        WriteTrigger(json, "slo_exceeded", scaling.SloExceeded);
        WriteTrigger(json, "queue_unbounded", scaling.QueueUnbounded);
        WriteTrigger(json, "kv_cache_saturated", scaling.KvCacheSaturated);
        json.WriteEndObject();
    }

    private static void WriteTrigger(Utf8JsonWriter json, string name, StepResult? step)
    {
        if (step is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        json.WriteNumber("load", step.Load);
        json.WriteNumber("step", step.Index);
        json.WriteNumber("achieved_rate", Round(step.Measurement.AchievedRate)!.Value);
        json.WriteNumberOrNull("ttft_p95_ms", Round(step.Measurement.TtftP95Ms));
        json.WriteNumberOrNull("e2e_p95_ms", Round(step.Measurement.E2eP95Ms));
        json.WriteNumberOrNull("gpu_util_mean_pct", Round(step.Measurement.Server?.GpuUtilMean));
        json.WriteEndObject();
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 3) : null;
}

