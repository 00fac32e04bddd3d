using System.Globalization;
using System.Text.Json;
using LlmLoad.Simulator.Tests.TestSupport;
using LlmLoad.Tests.Support;

namespace LlmLoad.Tests.Cli;

/// <summary>
/// Rate-limit utilisation and concurrency caps as the real CLI reports them against the real simulator (embedded, with a
/// profile of known limits): the timeseries columns, the summary's figures and the plan, each matched to the limits set.
/// </summary>
/// Timing-sensitive: what a bucket refills during a run, and the in-flight counts, depend on how fast the run goes.
[Collection(TimingSensitive.Name)]
public sealed class RateLimitUtilizationRunTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Run_UnderATokenLimit_AdmitsLimitOverTokensPerRequest_AndReportsThatRateAndTheFirst429()
    {
        using var results = new ResultsDirectory();
        // 9000 tokens a minute, 100 + 50 tokens a request: 60 requests a minute. The bucket starts full (60 requests),
        // then refills one request a second; at 20 arrivals a second for 6 s it is empty after 3 s.
        var profile = Profile(results, "rate_limits:\n  tokens_per_minute: 9000\n");

        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["run", "--simulator", profile, "--rate", "20", "--arrival", "constant", "--duration", "6s", "--input-tokens", "100", "--output-tokens", "50", "--out", results.Path],
            Limit);

        Assert.True(exit == 0, stderr + stdout);
        var limits = results.Summary().GetProperty("rate_limits");
        Assert.Equal(9000, limits.GetProperty("limit_tokens").GetInt64());
        var perRequest = limits.GetProperty("tokens_per_request");
        Assert.Equal(150, perRequest.GetProperty("total").GetDouble());
        var effective = limits.GetProperty("effective_rate");
        Assert.Equal("tokens", effective.GetProperty("binding").GetString());
        Assert.Equal(60, effective.GetProperty("requests_per_min").GetDouble(), 0.01);
        Assert.Equal(1, effective.GetProperty("requests_per_s").GetDouble(), 0.01);

        // What the server admitted: the full bucket plus a request a second of refill over the run's 6 s (±1 at its edges).
        var requests = results.Requests();
        var admitted = requests.Count(r => r.GetProperty("status").GetInt32() == 200);
        Assert.InRange(admitted, 60 + 5, 60 + 7);
        Assert.All(requests.Where(r => r.GetProperty("status").GetInt32() == 429), r => Assert.Equal("tokens", r.GetProperty("rate_limit_kind").GetString()));
        Assert.Equal(requests.Count - admitted, limits.GetProperty("refused_by_kind").GetProperty("tokens").GetInt64());

        // The first 429 came when the minute held the whole limit, 60 requests of 150 tokens, and the refill of its ~3 s
        // (a request a second), give or take the one the rest of its window admitted.
        var first = limits.GetProperty("first_429");
        Assert.Equal("tokens", first.GetProperty("kind").GetString());
        Assert.InRange(first.GetProperty("at_s").GetDouble(), 2.5, 4);
        Assert.InRange(first.GetProperty("tpm_used").GetInt64(), 9000 + (2 * 150), 9000 + (5 * 150));
        Assert.InRange(limits.GetProperty("peak_utilization").GetProperty("tokens").GetDouble(), 1, (60 + 7) / 60.0);

        var rows = Rows(results);
        Assert.All(rows, r => Assert.Equal(9000, r["limit_tokens"]));
        Assert.All(rows, r => Assert.Equal(Math.Round(r["tpm_used"] / 9000, 3), r["tpm_utilization"], 3));
        Assert.All(rows, r => Assert.Equal(r["input_tpm_used"] + r["output_tpm_used"], r["tpm_used"]));
        // The last window's minute holds every admitted request (the run is shorter than a minute).
        Assert.Equal(admitted * 150, rows[^1]["tpm_used"]);
        Assert.Equal(admitted, rows[^1]["rpm_used"]);
        Assert.Contains("limits allow 60 req/min (1 req/s) at 150 tok/request, bound by tokens", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AnthropicInputAndOutputLimits_EachAllowsItsOwnRate_TheLowerBinds()
    {
        using var results = new ResultsDirectory();
        // 4000 input tokens a minute at 100 a request allow 40; 500 output at 50 (max_tokens, charged at admission) allow 10.
        var profile = Profile(results, "rate_limits:\n  input_tokens_per_minute: 4000\n  output_tokens_per_minute: 500\n");

        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["run", "--provider", "anthropic", "--simulator", profile, "--requests", "16", "--concurrency", "2", "--input-tokens", "100", "--output-tokens", "50", "--out", results.Path],
            Limit);

        Assert.True(exit == 0, stderr + stdout);
        var limits = results.Summary().GetProperty("rate_limits");
        Assert.Equal(4000, limits.GetProperty("limit_input_tokens").GetInt64());
        Assert.Equal(500, limits.GetProperty("limit_output_tokens").GetInt64());
        var allowed = limits.GetProperty("effective_rate").GetProperty("allowed_by");
        Assert.Equal(40, allowed.GetProperty("input_tokens").GetDouble(), 0.01);
        Assert.Equal(10, allowed.GetProperty("output_tokens").GetDouble(), 0.01);
        Assert.Equal("output_tokens", limits.GetProperty("effective_rate").GetProperty("binding").GetString());
        // Ten fit the output bucket; an eleventh only if the run took over 6 s (50 tokens at 500 a minute).
        var admitted = results.Requests().Count(r => r.GetProperty("status").GetInt32() == 200);
        Assert.InRange(admitted, 10, 11);
        Assert.Equal(16 - admitted, limits.GetProperty("refused_by_kind").GetProperty("output_tokens").GetInt64());
        Assert.Equal("output_tokens", limits.GetProperty("first_429").GetProperty("kind").GetString());
        var rows = Rows(results);
        Assert.Equal(4000, rows[0]["limit_input_tokens"]);
        Assert.Equal(500, rows[0]["limit_output_tokens"]);
        // No room for another request's 50 output tokens: what is left is the refill since the last admission.
        Assert.InRange(rows[0]["remaining_output_tokens"], 0, 49);
        Assert.Equal(1, rows[^1]["tpm_utilization"]);
    }

    [Fact]
    public async Task Run_AConcurrencyCapOfFourAtConcurrencyEight_RefusalsAreConcurrency_FromFourInFlight_AndThePlanSaysSo()
    {
        await TimingAttempts.AssertOneSucceedsAsync(async () =>
        {
            using var results = new ResultsDirectory();
            // Answers take ~90 ms, so four are always running; the other four workers are refused and try again.
            var profile = Profile(results, "rate_limits:\n  max_concurrent_requests: 4\n", ttftMs: 50, itlMs: 2);

            var (exit, stdout, stderr) = await CliProcess.RunAsync(
                ["run", "--simulator", profile, "--requests", "120", "--concurrency", "8", "--input-tokens", "100", "--output-tokens", "20", "--out", results.Path],
                Limit);

            Assert.True(exit == 0, stderr + stdout);
            var requests = results.Requests();
            var refused = requests.Where(r => r.GetProperty("status").GetInt32() == 429).ToList();
            Assert.NotEmpty(refused);
            Assert.All(refused, r =>
            {
                Assert.Equal("rate_limited", r.GetProperty("error_class").GetString());
                Assert.Equal("concurrency", r.GetProperty("rate_limit_kind").GetString());
            });
            Assert.All(requests.Where(r => r.GetProperty("status").GetInt32() == 200), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("rate_limit_kind").ValueKind));
            var limits = results.Summary().GetProperty("rate_limits");
            Assert.Equal(refused.Count, limits.GetProperty("refused_by_kind").GetProperty("concurrency").GetInt64());
            var concurrency = limits.GetProperty("concurrency");
            Assert.Equal(refused.Count, concurrency.GetProperty("refused").GetInt64());
            Assert.Equal(requests.Count, concurrency.GetProperty("by_in_flight").EnumerateArray().Sum(l => l.GetProperty("sent").GetInt64()));
            Assert.Contains("concurrency cap", stdout, StringComparison.Ordinal);
            Assert.Contains(results.Summary().GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("for concurrency", StringComparison.Ordinal));

            var plan = await CliProcess.RunAsync(["plan", "--from", results.Path], Limit);
            Assert.True(plan.ExitCode == 0, plan.Stderr + plan.Stdout);
            Assert.Contains("concurrency cap of the key", plan.Stdout, StringComparison.Ordinal);
            Assert.Contains("rate_limits.concurrency.began_at_in_flight", plan.Stdout, StringComparison.Ordinal);

            // The client counts a request out when it has read the answer, the server as it writes the last byte: ±1
            // around the cap, more on a machine so busy that one of them runs late.
            var broken = new List<string>();
            TimingAttempts.Within(broken, "began_at_in_flight", concurrency.GetProperty("began_at_in_flight").GetInt32(), 3, 5);
            return broken;
        });
    }

    private static string Profile(ResultsDirectory results, string rateLimits, int ttftMs = 0, int itlMs = 0)
    {
        Directory.CreateDirectory(results.Path);
        var path = Path.Combine(results.Path, "limits.yaml");
        File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture, $"timing:\n  ttft_ms: {ttftMs}\n  itl_ms: {itlMs}\n{rateLimits}"));
        return path;
    }

    private static List<Dictionary<string, double>> Rows(ResultsDirectory results)
    {
        var lines = File.ReadAllLines(Path.Combine(results.Path, "timeseries.csv"));
        var header = lines[0].Split(',');
        return lines.Skip(1)
            .Select(l => header.Zip(l.Split(',')).Where(p => p.First != "stage")
                .ToDictionary(p => p.First, p => p.Second.Length == 0 ? double.NaN : double.Parse(p.Second, CultureInfo.InvariantCulture)))
            .ToList();
    }
}
