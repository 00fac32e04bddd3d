using System.Text.Json;
using LlmLoad.Analysis.Slo;
using LlmLoad.Analysis;
using LlmLoad.Engine;
using LlmLoad.Providers;
using LlmLoad.Shared;
using LlmLoad.Traffic;
using LlmLoad.Workload;

namespace LlmLoad.Reporting;

/// <summary>Writes summary.json, schema <c>llmload.summary/v1</c> (fields in docs/metrics.md; the contract in docs/contract.md).</summary>
internal sealed class SummaryJson : IRunExporter
{
    /// <summary>The distributions given per stage: what a user feels, without the scheduling diagnostics.</summary>
    private static readonly LatencyMetric[] StageMetrics = [LatencyMetric.Ttft, LatencyMetric.Itl, LatencyMetric.Tpot, LatencyMetric.E2e];

    public const string FileName = "summary.json";
    public const string Schema = "llmload.summary/v1";

    public void Export(RunReport report) => Write(report);

    public static string Write(RunReport report)
    {
        var path = Path.Combine(report.OutDir, FileName);
        var temporary = path + ".tmp";
        using (var file = File.Create(temporary))
        using (var json = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true }))
        {
            WriteReport(json, report);
        }

        // Replace atomically: a reader never sees half a summary.
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    /// <summary>The same document in memory, for an output that shows the summary before summary.json is written (report.html).</summary>
    public static byte[] ToUtf8(RunReport report)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            WriteReport(json, report);
        }

        return buffer.ToArray();
    }

    private static void WriteReport(Utf8JsonWriter json, RunReport report)
    {
        var stats = report.Statistics;
        var options = report.Options;
        json.WriteStartObject();
        json.WriteHeader(Schema);

        json.WriteStartObject("run");
        json.WriteString("started_at", report.StartedAtUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteNumber("duration_s", Round(report.DurationSeconds));
        json.WriteString("stopped_by", report.StoppedBy.ToWireName());
        json.WriteNumber("seed", options.Seed);
        json.WriteStartObject("target");
        json.WriteString("provider", options.Provider);
        json.WriteString("url", WithoutCredentials(report.TargetUrl));
        json.WriteString("model", options.Model);
        json.WriteBoolean("stream", options.Stream);
        json.WriteBoolean("embedded_simulator", report.EmbeddedSimulator);
        json.WriteEndObject();
        WriteLoad(json, options.Load);
        json.WriteEndObject();

        json.WriteStartObject("requests");
        json.WriteNumber("total", stats.Total);
        json.WriteNumber("measured", stats.Measured);
        json.WriteNumber("succeeded", stats.Succeeded);
        json.WriteNumber("failed", stats.Failed);
        json.WriteNumber("warmup", stats.Warmup);
        json.WriteNumber("truncated", stats.Truncated);
        json.WriteNumber("dropped", report.Engine.Dropped);
        json.WriteEndObject();

        WriteErrors(json, stats);

        WriteLatencies(json, stats, report.LatencyMetrics);

        json.WriteStartObject("throughput");
        json.WriteNumber("requests_per_s", Round(report.RequestsPerSecond));
        json.WriteNumber("output_tokens_per_s", Round(report.OutputTokensPerSecond));
        json.WriteNumber("input_tokens_per_s", Round(report.InputTokensPerSecond));
        json.WriteNumberOrNull("inputs_per_s", report.InputsPerSecond is { } inputs ? Round(inputs) : null);
        json.WriteNumber("total_tokens_per_min", Round(report.TotalTokensPerMinute));
        json.WriteNumber("achieved_rate_per_s", Round(report.AchievedRate));
        if (options.Load.Rate is { } rate && double.IsFinite(rate))
        {
            json.WriteNumber("offered_rate_per_s", rate);
        }

        json.WriteNumber("window_s", Round(stats.WindowSeconds));
        json.WriteEndObject();

        json.WriteStartObject("timeseries");
        json.WriteString("file", TimeSeriesCsv.FileName);
        json.WriteNumber("window_s", options.TimeSeriesWindow.TotalSeconds);
        json.WriteNumber("windows", report.TimeSeriesWindows);
        json.WriteEndObject();

        WriteWorkload(json, report.Options.Workload);
        WriteStages(json, report);
        WriteCategories(json, report);
        WriteActions(json, report.Actions);
        RoutingJson.Write(json, report);
        WriteSlo(json, report);
        WriteTokens(json, report);
        CostJson.Write(json, report);
        WriteRateLimits(json, stats.RateLimits, report);
        ServerJson.Write(json, report.Server);
        WriteClient(json, report.Client);
        SegmentJson.Write(json, report.Segment);

        json.WriteStartArray("warnings");
        foreach (var warning in report.Warnings)
        {
            json.WriteStringValue(warning);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteLoad(Utf8JsonWriter json, LoadShape load)
    {
        json.WriteStartObject("load");
        json.WriteString("mode", load.IsOpenLoop ? "open" : "closed");
        if (load.Rate is { } rate)
        {
            json.WriteString("rate", double.IsPositiveInfinity(rate) ? "inf" : rate.ToString(System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("arrival", load.Arrival.ToString());
        }

        if (load.Trace is { } trace)
        {
            json.WriteNumber("trace_arrivals", trace.Count);
            json.WriteNumber("trace_time_scale", load.TraceTimeScale);
        }

        json.WriteNumberOrNull("concurrency", load.Concurrency);
        json.WriteNumberOrNull("requests", load.Requests);
        json.WriteNumberOrNull("duration_s", load.Duration?.TotalSeconds);
        json.WriteNumber("warmup_requests", load.WarmupRequests);
        json.WriteNumber("warmup_s", load.WarmupDuration.TotalSeconds);
        json.WriteEndObject();
    }

    /// <summary>Always present (empty without stages). Levels are arrivals per second or users, as <c>unit</c> says.</summary>
    private static void WriteStages(Utf8JsonWriter json, RunReport report)
    {
        json.WriteStartArray("stages");
        foreach (var figures in report.Stages ?? [])
        {
            var stage = figures.Stage;
            var stats = figures.Requests;
            json.WriteStartObject();
            json.WriteString("name", stage.Name);
            json.WriteString("kind", stage.Kind.ToString().ToLowerInvariant());
            json.WriteBoolean("measured", stage.Measured);
            json.WriteNumber("start_s", Round(stage.StartSeconds));
            json.WriteNumber("duration_s", Round(stage.Seconds));
            json.WriteStartObject("level");
            json.WriteString("unit", report.Options.Load.Stages!.Unit == LoadUnit.Rate ? "requests_per_s" : "users");
            json.WriteNumber("start", Round(stage.StartLevel));
            json.WriteNumber("end", Round(stage.EndLevel));
            json.WriteNumber("peak", Round(stage.PeakLevel));
            json.WriteEndObject();
            json.WriteStartObject("requests");
            json.WriteNumber("offered", figures.Offered);
            json.WriteNumber("sent", stats.Total);
            json.WriteNumber("dropped", figures.Dropped);
            json.WriteNumber("succeeded", stats.Succeeded);
            json.WriteNumber("failed", stats.Failed);
            json.WriteNumber("completed_within", figures.CompletedWithin);
            json.WriteEndObject();
            json.WriteNumber("offered_rate_per_s", Round(figures.OfferedRate));
            json.WriteNumber("achieved_rate_per_s", Round(figures.AchievedRate));
            json.WriteNumber("output_tokens_per_s", Round(figures.OutputTokensPerSecond));
            WriteErrors(json, stats);
            WriteLatencies(json, stats, StageMetrics.Intersect(report.LatencyMetrics));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>
    /// Always present, so CI scripts need no existence check. Shares (goodput, error_rate, rate_limited) are
    /// fractions 0–1; <c>value</c> is null when nothing was measured, and such a check fails.
    /// </summary>
    private static void WriteSlo(Utf8JsonWriter json, RunReport report)
    {
        var goodput = report.Statistics.Goodput;
        json.WriteStartObject("slo");
        json.WriteBoolean("passed", !report.SlosFailed);
        json.WriteNumberOrNull("goodput", goodput.Ratio is { } ratio ? Math.Round(ratio, 6) : null);
        json.WriteNumber("goodput_met", goodput.Met);
        json.WriteStartArray("goodput_per_request");
        foreach (var objective in goodput.PerRequest)
        {
            json.WriteStringValue(objective.Text);
        }

        json.WriteEndArray();
        json.WriteStartArray("checks");
        foreach (var result in report.Slos)
        {
            var objective = result.Objective;
            json.WriteStartObject();
            json.WriteString("expression", objective.Text);
            json.WriteString("metric", objective.MetricName);
            if (objective.Statistic is { } statistic)
            {
                json.WriteString("stat", statistic.ToWireName());
            }

            json.WriteString("op", objective.Comparison.ToText());
            json.WriteNumber("threshold", Math.Round(objective.Threshold, 6));
            json.WriteString("unit", objective.Measure.Unit());
            json.WriteNumberOrNull("value", result.Measured is { } value ? Math.Round(value, 6) : null);
            json.WriteBoolean("passed", result.Passed);
            json.WriteNumberOrNull("abort_after_s", objective.AbortAfter?.TotalSeconds);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (report.SloAbort is { } abort)
        {
            json.WriteStartObject("aborted");
            json.WriteString("expression", abort.Objective.Text);
            json.WriteNumber("value", Math.Round(abort.Measured, 6));
            json.WriteNumber("window_s", abort.Objective.AbortAfter!.Value.TotalSeconds);
            json.WriteNumber("requests", abort.Requests);
            json.WriteNumber("at_s", Round(abort.AtMs / 1000));
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("aborted");
        }

        json.WriteEndObject();
    }

    private static void WriteTokens(Utf8JsonWriter json, RunReport report)
    {
        var stats = report.Statistics;
        json.WriteStartObject("tokens");
        json.WriteNumber("input_total", stats.InputTokens);
        json.WriteNumber("output_total", stats.OutputTokens);
        json.WriteNumber("cached_total", stats.CachedTokens);
        json.WriteNumber("reasoning_total", stats.ReasoningTokens);
        json.WriteNumber("reasoned_requests", stats.Reasoned);
        json.WriteString("source", report.TokenSource);
        json.WriteString("tokenizer", report.Options.Tokenizer);
        json.WriteBoolean("tokenizer_exact", TokenCounter.IsExactFor(report.Options.Model) && TokenCounter.EncodingForModel(report.Options.Model) == report.Options.Tokenizer);
        json.WriteStartObject("discrepancy");
        WriteDiscrepancy(json, "input", stats.InputDiscrepancy);
        WriteDiscrepancy(json, "output", stats.OutputDiscrepancy);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Always present, so scripts need no existence check; nulls where no header said.</summary>
    private static void WriteRateLimits(Utf8JsonWriter json, RateLimitSummary limits, RunReport report)
    {
        json.WriteStartObject("rate_limits");
        json.WriteNumber("responses_with_headers", limits.ResponsesWithHeaders);
        json.WriteNumberOrNull("limit_requests", limits.LimitRequests);
        json.WriteNumberOrNull("limit_tokens", limits.LimitTokens);
        json.WriteNumberOrNull("min_remaining_requests", limits.MinRemainingRequests);
        json.WriteNumberOrNull("min_remaining_tokens", limits.MinRemainingTokens);
        json.WriteNumber("rate_limited", limits.RateLimited);
        var retryAfter = limits.RetryAfterMs;
        json.WriteStartObject("retry_after_s");
        json.WriteNumber("count", retryAfter.Count);
        json.WriteNumber("p50", Round(retryAfter.P50 / 1000));
        json.WriteNumber("max", Round(retryAfter.Max / 1000));
        json.WriteEndObject();
        RateLimitJson.WriteUsage(json, report);
        json.WriteEndObject();
    }

    private static void WriteDiscrepancy(Utf8JsonWriter json, string name, TokenDiscrepancy discrepancy)
    {
        json.WriteStartObject(name);
        json.WriteNumber("compared", discrepancy.Compared);
        json.WriteNumber("mismatched", discrepancy.Mismatched);
        json.WriteNumber("server_total", discrepancy.ServerTotal);
        json.WriteNumber("tokenizer_total", discrepancy.TokenizerTotal);
        json.WriteNumber("difference_pct", Round(discrepancy.DifferencePercent));
        json.WriteEndObject();
    }

    private static void WriteClient(Utf8JsonWriter json, ClientHealth client)
    {
        json.WriteStartObject("client");
        json.WriteNumber("cpu_s", Round(client.CpuSeconds));
        json.WriteNumber("cpu_utilization", Round(client.CpuUtilization));
        json.WriteNumber("peak_rss_mb", Round(client.PeakRssMegabytes));
        json.WriteNumber("gc_pause_ms", Round(client.GcPauseMilliseconds));
        json.WriteNumber("gen0_collections", client.Gen0Collections);
        json.WriteNumber("gen2_collections", client.Gen2Collections);
        json.WriteNumber("allocated_mb", Round(client.AllocatedMegabytes));
        json.WriteNumberOrNull("startup_s", client.StartupSeconds is { } startup ? Round(startup) : null);
        json.WriteNumber("preconnected", client.Preconnected);
        json.WriteNumber("cores", Environment.ProcessorCount);
        json.WriteEndObject();
    }

    /// <summary>What the requests were made of, so that a result says how it was obtained.</summary>
    private static void WriteWorkload(Utf8JsonWriter json, WorkloadSpec workload)
    {
        json.WriteStartObject("workload");
        json.WriteString("input_tokens", workload.Input.ToString());
        json.WriteString("output_tokens", workload.Output.ToString());
        json.WriteStartArray("mix");
        foreach (var category in workload.Mix?.Categories ?? [])
        {
            json.WriteStartObject();
            json.WriteString("name", category.Name);
            json.WriteNumber("weight_share", Math.Round(workload.Mix!.Share(category), 6));
            json.WriteString("input_tokens", category.Input.ToString());
            json.WriteString("output_tokens", category.Output.ToString());
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (workload.Corpus is { } corpus)
        {
            json.WriteStartObject("corpus");
            json.WriteNumber("prompts", corpus.Entries.Count);
            json.WriteNumber("skipped_lines", corpus.SkippedLines);
            json.WriteStartArray("skipped_examples");
            foreach (var example in corpus.SkippedExamples)
            {
                json.WriteStringValue(example);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("corpus");
        }

        if (workload.SharedPrefix is { } prefix)
        {
            json.WriteStartObject("shared_prefix");
            json.WriteNumber("prompts", prefix.Count);
            json.WriteNumber("tokens", prefix.Tokens);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("shared_prefix");
        }

        if (workload.Sessions is { } sessions)
        {
            json.WriteStartObject("sessions");
            json.WriteString("turns", sessions.Turns.ToString());
            json.WriteNumber("think_min_s", sessions.Think.Min.TotalSeconds);
            json.WriteNumber("think_max_s", sessions.Think.Max.TotalSeconds);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("sessions");
        }

        json.WriteEndObject();
    }

    /// <summary>
    /// Always present (empty without categories): per workload category, the run's own statistics over its
    /// requests. <c>weight_share</c> is the mix's (null for a corpus's own categories), <c>share</c> what was measured.
    /// </summary>
    private static void WriteCategories(Utf8JsonWriter json, RunReport report)
    {
        var mix = report.Options.Workload.Mix;
        json.WriteStartArray("categories");
        foreach (var (name, stats) in report.CategoriesInOrder)
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteNumberOrNull("weight_share", mix?.Categories.FirstOrDefault(c => c.Name == name) is { } category ? Math.Round(mix.Share(category), 6) : null);
            json.WriteNumberOrNull("share", report.Statistics.Measured > 0 ? Math.Round((double)stats.Measured / report.Statistics.Measured, 6) : null);
            json.WriteStartObject("requests");
            json.WriteNumber("measured", stats.Measured);
            json.WriteNumber("succeeded", stats.Succeeded);
            json.WriteNumber("failed", stats.Failed);
            json.WriteNumber("truncated", stats.Truncated);
            json.WriteEndObject();
            WriteErrors(json, stats);
            WriteLatencies(json, stats, report.LatencyMetrics);
            var seconds = report.Statistics.WindowSeconds;
            json.WriteStartObject("throughput");
            json.WriteNumber("requests_per_s", Round(seconds > 0 ? stats.Succeeded / seconds : 0));
            json.WriteNumber("output_tokens_per_s", Round(seconds > 0 ? stats.OutputTokens / seconds : 0));
            json.WriteEndObject();
            json.WriteStartObject("tokens");
            json.WriteNumber("input_total", stats.InputTokens);
            json.WriteNumber("output_total", stats.OutputTokens);
            json.WriteNumber("cached_total", stats.CachedTokens);
            json.WriteEndObject();
            json.WriteNumberOrNull("goodput", stats.Goodput.Ratio is { } ratio ? Math.Round(ratio, 6) : null);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>Per user action (multi-turn session); null in a run without sessions.</summary>
    private static void WriteActions(Utf8JsonWriter json, ActionStatistics? actions)
    {
        if (actions is null)
        {
            json.WriteNull("actions");
            return;
        }

        json.WriteStartObject("actions");
        json.WriteNumber("count", actions.Count);
        json.WriteNumber("completed", actions.Completed);
        json.WriteNumber("failed", actions.Failed);
        json.WriteNumber("cut", actions.Cut);
        json.WriteNumber("turns_total", actions.Turns);
        json.WriteNumberOrNull("turns_mean", actions.Count > 0 ? Round((double)actions.Turns / actions.Count) : null);
        json.WriteNumberOrNull("input_tokens_mean", actions.Count > 0 ? Round((double)actions.InputTokens / actions.Count) : null);
        json.WriteNumberOrNull("output_tokens_mean", actions.Count > 0 ? Round((double)actions.OutputTokens / actions.Count) : null);
        WriteLatency(json, "waiting_ms", actions.Waiting.Stats());
        WriteLatency(json, "duration_ms", actions.Duration.Stats());
        WriteLatency(json, "first_ttft_ms", actions.FirstTtft.Stats());
        json.WriteEndObject();
    }

    internal static void WriteErrors(Utf8JsonWriter json, RunStatistics stats)
    {
        json.WriteStartObject("errors");
        foreach (var error in ErrorClassNames.All)
        {
            json.WriteNumber(error.ToWireName(), stats.Errors[error]);
        }

        json.WriteEndObject();
    }

    /// <summary>A <c>latency_ms</c> object: one distribution per metric.</summary>
    internal static void WriteLatencies(Utf8JsonWriter json, RunStatistics stats, IEnumerable<LatencyMetric> metrics)
    {
        json.WriteStartObject("latency_ms");
        foreach (var metric in metrics)
        {
            WriteLatency(json, metric.ToWireName(), stats.Latency(metric));
        }

        json.WriteEndObject();
    }

    internal static void WriteLatency(Utf8JsonWriter json, string name, LatencyStats stats)
    {
        json.WriteStartObject(name);
        json.WriteNumber("count", stats.Count);
        json.WriteNumber("mean", Round(stats.Mean));
        json.WriteNumber("stddev", Round(stats.StdDev));
        json.WriteNumber("min", Round(stats.Min));
        json.WriteNumber("p50", Round(stats.P50));
        json.WriteNumber("p90", Round(stats.P90));
        json.WriteNumber("p95", Round(stats.P95));
        json.WriteNumber("p99", Round(stats.P99));
        json.WriteNumber("p99_9", Round(stats.P999));
        json.WriteNumber("max", Round(stats.Max));
        json.WriteEndObject();
    }

    private static double Round(double value) => Math.Round(value, 3);

    private static string WithoutCredentials(Uri url) => new UriBuilder(url) { UserName = "", Password = "", Query = "" }.Uri.ToString();
}
