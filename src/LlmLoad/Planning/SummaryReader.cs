using LlmLoad.Reporting;
using static LlmLoad.Planning.JsonFields;

namespace LlmLoad.Planning;

/// <summary>Reads the figures a plan needs from a run's summary.json (schema <c>llmload.summary/v1</c>, docs/metrics.md).</summary>
internal static class SummaryReader
{
    /// <summary>Means are rounded to this many decimals: a thousandth of a token or a millisecond changes no plan.</summary>
    private const int Decimals = 3;

    /// <param name="path">The file on disk.</param>
    /// <param name="name">Its path relative to the results directory, as messages and sources name it.</param>
    public static MeasuredRun? Read(string path, string name, List<string> errors)
    {
        using var document = Load(path, name, errors);
        if (document is null)
        {
            return null;
        }

        var errorsBefore = errors.Count;
        var fields = new JsonFields(name, document.RootElement, errors);
        if (!fields.HasSchema(SummaryJson.Schema))
        {
            return null;
        }

        var measured = fields.Required("requests.measured");
        var succeeded = fields.Required("requests.succeeded");
        var failed = fields.Optional("requests.failed") ?? 0;
        var input = fields.Required("tokens.input_total");
        var output = fields.Required("tokens.output_total");
        var cached = fields.Optional("tokens.cached_total") ?? 0;
        var mean = fields.Required("latency_ms.e2e.mean");
        var p95 = fields.Required("latency_ms.e2e.p95");
        if (errors.Count > errorsBefore || measured is not { } m || succeeded is not { } s || input is not { } i || output is not { } o
            || mean is not { } meanMs || p95 is not { } p95Ms)
        {
            return null;
        }

        if (s <= 0)
        {
            errors.Add($"{name}: requests.succeeded is 0 (of {Show(m)} measured): no response time or token count to plan from; plan from a run whose requests succeeded");
            return null;
        }

        var run = new MeasuredRun
        {
            File = name,
            Model = fields.Text("run.target.model"),
            Measured = (long)m,
            Succeeded = (long)s,
            Failed = (long)failed,
            InputTokens = Mean(i, m),
            CachedInputTokens = Mean(cached, m),
            OutputTokens = Mean(o, m),
            MeanResponseSeconds = meanMs / 1000,
            P95ResponseSeconds = p95Ms / 1000,
            RequestsPerSecond = fields.Optional("throughput.requests_per_s"),
            OutputTokensPerSecond = fields.Optional("throughput.output_tokens_per_s"),
            SlosPassed = fields.Boolean("slo.passed"),
            SloChecks = Checks(fields),
            CostUsd = fields.Optional("cost.total_usd"),
            // Null in the file when nothing was refused for concurrency, so read only when something was.
            ConcurrencyCapInFlight = fields.Optional("rate_limits.concurrency.refused") > 0 ? fields.Optional("rate_limits.concurrency.began_at_in_flight") : null,
            Sources = [],
        };
        return run with { Sources = Sources(run, name, i, o, cached, m) };
    }

    private static decimal Mean(decimal total, decimal count) => decimal.Round(total / count, Decimals, MidpointRounding.AwayFromZero);

    private static SloCheck[] Checks(JsonFields fields)
        => fields.Objects("slo.checks")
            .Select(c => new SloCheck(
                c.TryGetProperty("expression", out var e) ? e.GetString() ?? "?" : "?",
                c.TryGetProperty("passed", out var p) && p.ValueKind == System.Text.Json.JsonValueKind.True))
            .ToArray();

    private static List<FigureSource> Sources(MeasuredRun run, string file, decimal input, decimal output, decimal cached, decimal measured)
    {
        var sources = new List<FigureSource>
        {
            new("model", run.Model ?? "none", file, "run.target.model"),
            new("requests", $"{run.Measured} measured, {run.Succeeded} succeeded, {run.Failed} failed", file, "requests.measured, .succeeded, .failed"),
            new("input tokens per request", Show(run.InputTokens), file, $"tokens.input_total {Show(input)} / {Show(measured)} requests.measured"),
            new("output tokens per request", Show(run.OutputTokens), file, $"tokens.output_total {Show(output)} / {Show(measured)} requests.measured"),
        };
        if (cached > 0)
        {
            sources.Add(new("cached input tokens per request", Show(run.CachedInputTokens), file, $"tokens.cached_total {Show(cached)} / {Show(measured)} requests.measured"));
        }

        sources.Add(new("mean response time", $"{Show(run.MeanResponseSeconds)} s", file, "latency_ms.e2e.mean / 1000 (successful requests)"));
        sources.Add(new("P95 response time", $"{Show(run.P95ResponseSeconds)} s", file, "latency_ms.e2e.p95 / 1000"));
        if (run.RequestsPerSecond is { } rate)
        {
            sources.Add(new("achieved throughput", $"{Show(rate)} req/s", file, "throughput.requests_per_s (successful requests over the measured window)"));
        }

        if (run.SlosPassed is { } passed)
        {
            var checks = run.SloChecks.Count == 0 ? "no SLO checks" : string.Join(", ", run.SloChecks.Select(c => $"{c.Expression} {(c.Passed ? "held" : "FAILED")}"));
            sources.Add(new("SLOs", $"{(passed ? "held" : "FAILED")} ({checks})", file, "slo.passed, slo.checks"));
        }

        if (run.ConcurrencyCapInFlight is { } cap)
        {
            sources.Add(new("concurrency cap of the key", $"refused from {Show(cap)} others in flight", file, "rate_limits.concurrency.began_at_in_flight"));
        }

        if (run.CostUsd is { } cost)
        {
            sources.Add(new("recorded cost of the run", PlanNumbers.Usd(cost), file, "cost.total_usd"));
        }

        return sources;
    }
}
