using System.Globalization;

namespace LlmLoad.Tests.Planning;

/// <summary>Hand-written results directories (summary.json, find-limit.json) with figures chosen for exact arithmetic.</summary>
internal static class ResultsFixture
{
    /// <summary>Writes a summary.json of <paramref name="measured"/> requests into <paramref name="directory"/>.</summary>
    public static void Summary(
        string directory, long measured = 20, long? succeeded = null, long inputTotal = 30_000, long outputTotal = 16_000, long cachedTotal = 0,
        double e2eMeanMs = 5_000, double e2eP95Ms = 8_000, double requestsPerSecond = 12.5, string model = "gpt-4o", bool sloPassed = true, string extra = "")
    {
        Directory.CreateDirectory(directory);
        var ok = succeeded ?? measured;
        File.WriteAllText(Path.Combine(directory, "summary.json"), Invariant($$"""
            {
              "schema": "llmload.summary/v1",
              "run": { "target": { "provider": "openai", "url": "http://127.0.0.1:1/v1", "model": "{{model}}", "stream": true } },
              "requests": { "total": {{measured}}, "measured": {{measured}}, "succeeded": {{ok}}, "failed": {{measured - ok}}, "warmup": 0 },
              "latency_ms": { "e2e": { "count": {{ok}}, "mean": {{e2eMeanMs}}, "p50": {{e2eMeanMs}}, "p95": {{e2eP95Ms}}, "p99": {{e2eP95Ms}} } },
              "throughput": { "requests_per_s": {{requestsPerSecond}}, "output_tokens_per_s": 640 },
              "tokens": { "input_total": {{inputTotal}}, "output_total": {{outputTotal}}, "cached_total": {{cachedTotal}}, "source": "usage" },
              "slo": { "passed": {{(sloPassed ? "true" : "false")}}, "checks": [ { "expression": "e2e.p95<10s", "passed": {{(sloPassed ? "true" : "false")}} } ] }{{extra}}
            }
            """));
    }

    /// <summary>
    /// Writes a find-limit.json whose knee is <paramref name="kneeLoad"/> (step 3, <c>steps/03-knee</c>) and whose lowest
    /// failing load is <paramref name="failingLoad"/>, plus the knee step's summary.json.
    /// </summary>
    public static void FindLimit(string directory, double? kneeLoad = 40, double? failingLoad = 48, string by = "rate", string outcome = "knee_found", double kneeAchievedRate = 39.5)
    {
        Directory.CreateDirectory(directory);
        var knee = kneeLoad is { } load
            ? Invariant($$"""{ "load": {{load}}, "achieved_rate": {{kneeAchievedRate}}, "concurrency_needed": 200, "step": 3, "failing_load": {{Json(failingLoad)}}, "failing_step": 2, "failing_verdict": {{(failingLoad is null ? "null" : "\"slo_failed\"")}}, "gap": 0.2, "unit": "req/s" }""")
            : """{ "load": null, "achieved_rate": null, "concurrency_needed": null, "step": null, "failing_load": 10, "failing_step": 1, "failing_verdict": "slo_failed", "gap": null, "unit": "req/s" }""";
        File.WriteAllText(Path.Combine(directory, "find-limit.json"), Invariant($$"""
            {
              "schema": "llmload.find-limit/v1",
              "outcome": "{{outcome}}",
              "target": { "provider": "openai", "model": "gpt-4o" },
              "search": { "by": "{{by}}", "start": 10 },
              "knee": {{knee}},
              "saturation": { "load": 48, "achieved_rate": 45, "concurrency_needed": 300, "step": 2, "failing_load": 64, "failing_step": 4, "failing_verdict": "saturated", "gap": 0.33, "unit": "req/s" },
              "curve": [
                { "step": 1, "load": 10, "dir": "steps/01-10rps", "verdict": "ok" },
                { "step": 3, "load": 40, "dir": "steps/03-knee", "verdict": "ok" },
                { "step": 2, "load": 48, "dir": "steps/02-48rps", "verdict": "slo_failed" }
              ]
            }
            """));
        if (kneeLoad is not null)
        {
            Summary(Path.Combine(directory, "steps", "03-knee"), requestsPerSecond: kneeAchievedRate);
        }
    }

    private static string Json(double? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "null";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
