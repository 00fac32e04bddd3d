using System.Text.Json;
using LlmLoad.Shared;

namespace LlmLoad.Comparison;

/// <summary>
/// <c>llmload compare --json</c>, schema <c>llmload.compare/v1</c> (keys in docs/contract.md). Shares are fractions 0–1,
/// latencies ms; every key is always present, null where a figure or test is missing.
/// </summary>
internal static class ComparisonJson
{
    public const string Schema = "llmload.compare/v1";

    public static void Write(Stream stream, ComparisonReport report)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        var settings = report.Settings;
        json.WriteStartObject();
        json.WriteHeader(Schema);
        json.WriteStartObject("settings");
        json.WriteNumber("alpha", settings.Alpha);
        json.WriteNumber("ci_level", Math.Round(settings.Level, 6));
        json.WriteNumber("resamples", settings.Resamples);
        json.WriteNumber("seed", settings.Seed);
        json.WriteString("significance", settings.Significance switch { SignificanceRule.Interval => "ci", SignificanceRule.Rank => "rank", _ => "both" });
        json.WriteEndObject();
        json.WriteString("base", report.Base.Name);
        json.WriteStartArray("comparisons");
        foreach (var comparison in report.Comparisons)
        {
            WriteComparison(json, comparison);
        }

        json.WriteEndArray();
        json.WriteStartArray("fail_on");
        foreach (var verdict in report.Verdicts)
        {
            json.WriteStartObject();
            json.WriteString("rule", verdict.Rule.Text);
            json.WriteString("candidate", verdict.Candidate);
            json.WriteString("metric", verdict.Rule.Metric.Name);
            json.WriteString("threshold", verdict.Rule.ThresholdText);
            json.WriteNumberOrNull("change", Round(verdict.Change is { } c && double.IsFinite(c) ? c : null));
            json.WriteBoolean("past_threshold", verdict.PastThreshold);
            WriteBooleanOrNull(json, "significant", verdict.Comparison.Significant);
            json.WriteBoolean("regressed", verdict.Regressed);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteBoolean("regressed", report.Regressed);
        json.WriteEndObject();
    }

    private static void WriteComparison(Utf8JsonWriter json, RunComparison comparison)
    {
        json.WriteStartObject();
        json.WriteString("candidate", comparison.Candidate.Name);
        json.WriteStartArray("settings_differ");
        foreach (var difference in comparison.Differences)
        {
            json.WriteStartObject();
            json.WriteString("field", difference.Field);
            json.WriteString("base", difference.Base);
            json.WriteString("candidate", difference.Candidate);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("samples");
        foreach (var (name, _) in ComparedRunReader.LatencyFields)
        {
            json.WriteStartObject(name);
            json.WriteNumber("base", comparison.Base.Latencies[name].Length);
            json.WriteNumber("candidate", comparison.Candidate.Latencies[name].Length);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteStartObject("metrics");
        foreach (var metric in comparison.Metrics)
        {
            json.WriteStartObject(metric.Metric.Name);
            json.WriteString("unit", metric.Metric.Unit);
            json.WriteNumberOrNull("base", Round(metric.Base));
            json.WriteNumberOrNull("candidate", Round(metric.Candidate));
            json.WriteNumberOrNull("delta", Round(metric.Delta));
            json.WriteNumberOrNull("relative", Round(metric.Relative));
            json.WriteNumberOrNull("ci_low", Round(metric.Interval?.Low));
            json.WriteNumberOrNull("ci_high", Round(metric.Interval?.High));
            json.WriteNumberOrNull("p_value", metric.P);
            json.WriteString("test", metric.Test);
            WriteBooleanOrNull(json, "significant", metric.Significant);
            json.WriteStringOrNull("verdict", metric.Verdict);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteBooleanOrNull(Utf8JsonWriter json, string name, bool? value)
    {
        if (value is { } v)
        {
            json.WriteBoolean(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>Nine decimals: a cost per request is a millionth of a dollar or less.</summary>
    private static double? Round(double? value) => value is { } v ? Math.Round(v, 9) : null;
}
