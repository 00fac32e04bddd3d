using System.Text.Json;
using LlmLoad.Tests.Support;

namespace LlmLoad.Tests.Planning;

/// <summary><c>llmload plan --from DIR</c> on hand-written results directories, run as a process: exact arithmetic and bad input.</summary>
public sealed class PlanFromRunTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private readonly string _directory = Directory.CreateTempSubdirectory("llmload-plan-from-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task PlanFrom_Knee40PerReplica_100PerSecondWith30PercentHeadroom_FourReplicas()
    {
        ResultsFixture.FindLimit(_directory, kneeLoad: 40);

        using var plan = await PlanJsonAsync("--from", _directory, "--target-rate", "100");

        var measured = plan.RootElement.GetProperty("measured");
        var replicas = measured.GetProperty("replicas");
        Assert.Equal(3m, replicas.GetProperty("peak").GetDecimal());                      // ⌈100 / 40⌉
        Assert.Equal(4m, replicas.GetProperty("with_headroom").GetDecimal());             // ⌈130 / 40⌉
        Assert.Equal(7m, replicas.GetProperty("with_headroom_and_growth").GetDecimal());  // ⌈260 / 40⌉
        Assert.Equal(40m, measured.GetProperty("replica_rate_per_s").GetDecimal());
        Assert.Equal(48m, measured.GetProperty("knee").GetProperty("failing_load").GetDecimal());
        Assert.Equal("knee_found", measured.GetProperty("find_limit_outcome").GetString());
        var from = plan.RootElement.GetProperty("from");
        Assert.Equal("find-limit.json", from.GetProperty("find_limit_file").GetString());
        Assert.Equal("steps/03-knee/summary.json", from.GetProperty("summary_file").GetString());
        Assert.Equal(100m, plan.RootElement.GetProperty("inputs").GetProperty("rate_per_s").GetDecimal());
    }

    [Fact]
    public async Task PlanFrom_Summary_TokenMeansAndLittlesLawFromTheMeasuredResponseTimes()
    {
        // 30,000 / 20 = 1,500 input and 16,000 / 20 = 800 output tokens; E2E mean 5 s, P95 8 s.
        ResultsFixture.Summary(_directory);

        using var plan = await PlanJsonAsync("--from", _directory, "--target-rate", "20");

        var root = plan.RootElement;
        var inputs = root.GetProperty("inputs");
        Assert.Equal(1_500m, inputs.GetProperty("input_tokens").GetDecimal());
        Assert.Equal(800m, inputs.GetProperty("output_tokens").GetDecimal());
        Assert.Equal(5m, inputs.GetProperty("response_time_s").GetDecimal());
        Assert.Equal("mean", inputs.GetProperty("response_time_stat").GetString());
        Assert.Equal("gpt-4o", inputs.GetProperty("model").GetString());
        var peak = root.GetProperty("peak");
        Assert.Equal(2_760_000m, peak.GetProperty("tokens_per_min").GetDecimal());
        Assert.Equal(100m, peak.GetProperty("concurrency").GetDecimal());                                   // 20 × 5 s
        Assert.Equal(160m, root.GetProperty("measured").GetProperty("concurrency_at_p95").GetProperty("peak").GetDecimal()); // 20 × 8 s
        Assert.Equal("Tier 5", peak.GetProperty("tier").GetString());
        Assert.Equal(0.01175m, root.GetProperty("cost").GetProperty("per_request").GetProperty("total_usd").GetDecimal());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("measured").GetProperty("replicas").ValueKind); // no find-limit.json
        Assert.Contains(root.GetProperty("measured").GetProperty("sources").EnumerateArray(),
            s => s.GetProperty("field").GetString() == "tokens.input_total 30000 / 20 requests.measured");
    }

    [Fact]
    public async Task PlanFrom_CachedTokens_BilledAtTheCachedPrice()
    {
        // gpt-4o: $2.5 input, $1.25 cached input, $10 output per 1M. Per request 600 uncached + 400 cached + 100 output.
        ResultsFixture.Summary(_directory, measured: 10, inputTotal: 10_000, cachedTotal: 4_000, outputTotal: 1_000);

        using var plan = await PlanJsonAsync("--from", _directory, "--target-rate", "1");

        var perRequest = plan.RootElement.GetProperty("cost").GetProperty("per_request");
        Assert.Equal(0.003m, perRequest.GetProperty("total_usd").GetDecimal()); // (600 × 2.5 + 400 × 1.25 + 100 × 10) / 1M
        Assert.Equal(0.0005m, perRequest.GetProperty("cached_input_usd").GetDecimal());
        Assert.Equal(400m, plan.RootElement.GetProperty("measured").GetProperty("cached_input_tokens_mean").GetDecimal());
    }

    [Fact]
    public async Task PlanFrom_TargetRpm_IsRequestsPerMinute()
    {
        ResultsFixture.Summary(_directory);

        using var plan = await PlanJsonAsync("--from", _directory, "--target-rpm", "6000");

        Assert.Equal(100m, plan.RootElement.GetProperty("peak").GetProperty("requests_per_s").GetDecimal());
        Assert.Equal("--target-rpm 6,000 ÷ 60", plan.RootElement.GetProperty("from").GetProperty("target_from").GetString());
    }

    [Fact]
    public async Task PlanFrom_NoTarget_PlansForTheRunsThroughput()
    {
        ResultsFixture.Summary(_directory, requestsPerSecond: 12.5);

        using var plan = await PlanJsonAsync("--from", _directory);

        Assert.Equal(12.5m, plan.RootElement.GetProperty("peak").GetProperty("requests_per_s").GetDecimal());
        Assert.StartsWith("the run's achieved throughput (summary.json throughput.requests_per_s)",
            plan.RootElement.GetProperty("from").GetProperty("target_from").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanFrom_SimulatorModel_CostUnknownUnlessPricesAreGiven()
    {
        ResultsFixture.Summary(_directory, model: "llmload-sim");

        using var unpriced = await PlanJsonAsync("--from", _directory, "--target-rate", "10");
        using var priced = await PlanJsonAsync("--from", _directory, "--target-rate", "10", "--input-price", "3", "--output-price", "15");

        Assert.Equal(JsonValueKind.Null, unpriced.RootElement.GetProperty("cost").ValueKind);
        Assert.Contains(unpriced.RootElement.GetProperty("assumptions").EnumerateArray(),
            a => a.GetString()!.StartsWith("no price for the run's model 'llmload-sim'", StringComparison.Ordinal));
        // 1,500 × $3 + 800 × $15 per 1M = $0.0165 per request.
        Assert.Equal(0.0165m, priced.RootElement.GetProperty("cost").GetProperty("per_request").GetProperty("total_usd").GetDecimal());
    }

    [Fact]
    public async Task PlanFrom_ModelOption_WinsOverTheRunsModel()
    {
        ResultsFixture.Summary(_directory, model: "llmload-sim");

        using var plan = await PlanJsonAsync("--from", _directory, "--target-rate", "10", "--model", "gpt-4o-mini");

        Assert.Equal("gpt-4o-mini", plan.RootElement.GetProperty("cost").GetProperty("price").GetProperty("model").GetString());
        Assert.Equal("openai-gpt-4o-mini", plan.RootElement.GetProperty("tier_table").GetProperty("name").GetString());
    }

    [Fact]
    public async Task PlanFrom_Text_ShowsReplicasAndWhereEachFigureCameFrom()
    {
        ResultsFixture.FindLimit(_directory, kneeLoad: 40);

        var (exit, stdout, stderr) = await CliProcess.RunAsync(["plan", "--from", _directory, "--target-rate", "100"], Limit);

        Assert.True(exit == 0, stderr);
        Assert.Matches(@"replicas\s+3\s+4\s+7", stdout);
        Assert.Matches(@"concurrency\s+500\s+650\s+1,300", stdout);            // 100 × 5 s, then +30%, ×2
        Assert.Matches(@"concurrency at P95\s+800\s+1,040\s+2,080", stdout);   // 100 × 8 s
        Assert.Contains("← steps/03-knee/summary.json tokens.input_total 30000 / 20 requests.measured", stdout, StringComparison.Ordinal);
        Assert.Contains("← find-limit.json knee.load", stdout, StringComparison.Ordinal);
        Assert.Contains("replicas = ⌈rate ÷ 40 req/s⌉", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanFrom_ConcurrencyKnee_ReplicasFromItsThroughput()
    {
        ResultsFixture.FindLimit(_directory, kneeLoad: 64, by: "concurrency", kneeAchievedRate: 25);

        using var plan = await PlanJsonAsync("--from", _directory, "--target-rate", "100", "--headroom", "0%");

        Assert.Equal(25m, plan.RootElement.GetProperty("measured").GetProperty("replica_rate_per_s").GetDecimal());
        Assert.Equal(4m, plan.RootElement.GetProperty("measured").GetProperty("replicas").GetProperty("with_headroom").GetDecimal());
    }

    [Fact]
    public async Task PlanFrom_NoBreak_SaysTheReplicaCountsAreUpperBounds()
    {
        ResultsFixture.FindLimit(_directory, kneeLoad: 40, failingLoad: null, outcome: "no_break");

        using var plan = await PlanJsonAsync("--from", _directory, "--target-rate", "100");

        Assert.Equal(4m, plan.RootElement.GetProperty("measured").GetProperty("replicas").GetProperty("with_headroom").GetDecimal());
        Assert.Contains(plan.RootElement.GetProperty("assumptions").EnumerateArray(), a => a.GetString()!.Contains("upper bounds", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PlanFrom_FailedSlos_PlansButSaysSo()
    {
        ResultsFixture.Summary(_directory, sloPassed: false);

        using var plan = await PlanJsonAsync("--from", _directory, "--target-rate", "10");

        Assert.False(plan.RootElement.GetProperty("measured").GetProperty("slo_passed").GetBoolean());
        Assert.Contains(plan.RootElement.GetProperty("assumptions").EnumerateArray(), a => a.GetString()!.StartsWith("the run FAILED SLO checks (e2e.p95<10s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Plan_Calculator_HasNullFromAndMeasured()
    {
        using var plan = await PlanJsonAsync("--rate", "20", "--input-tokens", "1500", "--output-tokens", "800");

        Assert.Equal(JsonValueKind.Null, plan.RootElement.GetProperty("from").ValueKind);
        Assert.Equal(JsonValueKind.Null, plan.RootElement.GetProperty("measured").ValueKind);
    }

    [Fact]
    public async Task PlanFrom_DirectoryWithoutResults_ExitTwo()
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync(["plan", "--from", _directory, "--target-rate", "10"], Limit);

        AssertInvalid(exit, stdout, stderr, "neither summary.json nor find-limit.json is there");
    }

    [Fact]
    public async Task PlanFrom_MissingDirectory_ExitTwo()
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync(["plan", "--from", Path.Combine(_directory, "nope")], Limit);

        AssertInvalid(exit, stdout, stderr, "nope: no such directory");
    }

    [Fact]
    public async Task PlanFrom_NoSuccessfulRequest_ExitTwo()
    {
        ResultsFixture.Summary(_directory, succeeded: 0);

        var (exit, stdout, stderr) = await CliProcess.RunAsync(["plan", "--from", _directory, "--target-rate", "10"], Limit);

        AssertInvalid(exit, stdout, stderr, "summary.json: requests.succeeded is 0 (of 20 measured)");
    }

    [Fact]
    public async Task PlanFrom_FindLimitWithoutKnee_ExitTwo()
    {
        ResultsFixture.FindLimit(_directory, kneeLoad: null, outcome: "first_step_failed");

        var (exit, stdout, stderr) = await CliProcess.RunAsync(["plan", "--from", _directory, "--target-rate", "10"], Limit);

        AssertInvalid(exit, stdout, stderr, "find-limit.json: no step held its SLOs (outcome first_step_failed");
    }

    [Fact]
    public async Task PlanFrom_MalformedSummary_ExitTwoNamingTheFile()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "summary.json"), "{ \"schema\": \"llmload.summary/v1\", ");

        var (exit, stdout, stderr) = await CliProcess.RunAsync(["plan", "--from", _directory], Limit);

        AssertInvalid(exit, stdout, stderr, "summary.json: not valid JSON");
    }

    [Fact]
    public async Task PlanFrom_SummaryMissingAField_ExitTwoNamingTheField()
    {
        ResultsFixture.Summary(_directory);
        var path = Path.Combine(_directory, "summary.json");
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path)).Replace("\"input_total\"", "\"input_sum\"", StringComparison.Ordinal));

        var (exit, stdout, stderr) = await CliProcess.RunAsync(["plan", "--from", _directory], Limit);

        AssertInvalid(exit, stdout, stderr, "summary.json: tokens.input_total: missing");
    }

    [Fact]
    public async Task PlanFrom_InconsistentOptions_ExitTwoNamingEach()
    {
        ResultsFixture.Summary(_directory);

        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["plan", "--from", _directory, "--rate", "5", "--input-tokens", "100", "--mean-response-time", "2", "--target-rate", "10", "--target-rpm", "600"], Limit);

        AssertInvalid(exit, stdout, stderr, "--rate: not with --from: give the load to plan for as --target-rate");
        Assert.Contains("--input-tokens: not with --from: the run measured the tokens per request", stderr, StringComparison.Ordinal);
        Assert.Contains("--mean-response-time: not with --from", stderr, StringComparison.Ordinal);
        Assert.Contains("--target-rate, --target-rpm: give one or the other", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_TargetWithoutFrom_ExitTwo()
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync(["plan", "--target-rate", "100"], Limit);

        AssertInvalid(exit, stdout, stderr, "--target-rate: needs --from DIR");
    }

    [Fact]
    public async Task PlanFrom_UnknownModelOption_ExitTwoNamingIt()
    {
        ResultsFixture.Summary(_directory);

        var (exit, stdout, stderr) = await CliProcess.RunAsync(["plan", "--from", _directory, "--model", "llama-3-70b"], Limit);

        AssertInvalid(exit, stdout, stderr, "--model: no price for model 'llama-3-70b'");
    }

    private static void AssertInvalid(int exit, string stdout, string stderr, string message)
    {
        Assert.True(exit == 2, $"exit {exit}: {stdout}{stderr}");
        Assert.Empty(stdout);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
    }

    private static async Task<JsonDocument> PlanJsonAsync(params string[] args)
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync(["plan", "--json", .. args], Limit);
        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        return JsonDocument.Parse(stdout);
    }
}
