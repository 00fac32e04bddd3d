using System.Text.Json;
using LlmLoad.Tests.Support;

namespace LlmLoad.Tests.Planning;

/// <summary>The real <c>llmload plan</c>, run as a process; the worked examples are issue 6's.</summary>
public sealed class PlanCommandTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private readonly string _directory = Directory.CreateTempSubdirectory("llmload-plan-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Plan_Json_20PerSecondAt1500In800Out_Peaks2760000TokensPerMinute()
    {
        using var plan = await PlanJsonAsync("--rate", "20", "--input-tokens", "1500", "--output-tokens", "800");

        var peak = plan.RootElement.GetProperty("peak");
        Assert.Equal(2_760_000m, peak.GetProperty("tokens_per_min").GetDecimal());
        Assert.Equal(1_200m, peak.GetProperty("requests_per_min").GetDecimal());
        Assert.Equal("llmload.plan/v1", plan.RootElement.GetProperty("schema").GetString());
    }

    [Fact]
    public async Task Plan_Json_50PerSecondAt5SecondsMean_Needs250Concurrent()
    {
        using var plan = await PlanJsonAsync("--rate", "50", "--mean-response-time", "5", "--input-tokens", "1500", "--output-tokens", "800");

        Assert.Equal(250m, plan.RootElement.GetProperty("peak").GetProperty("concurrency").GetDecimal());
        // The default 30% headroom, then doubling.
        Assert.Equal(325m, plan.RootElement.GetProperty("with_headroom").GetProperty("concurrency").GetDecimal());
        Assert.Equal(650m, plan.RootElement.GetProperty("with_headroom_and_growth").GetProperty("concurrency").GetDecimal());
    }

    [Fact]
    public async Task Plan_Json_10000RequestsAt3And15DollarsPerMillion_Cost210Dollars()
    {
        using var plan = await PlanJsonAsync(
            "--requests", "10000", "--input-tokens", "2000", "--output-tokens", "1000", "--input-price", "3", "--output-price", "15");

        var requests = plan.RootElement.GetProperty("cost").GetProperty("requests");
        Assert.Equal(60m, requests.GetProperty("input_usd").GetDecimal());
        Assert.Equal(150m, requests.GetProperty("output_usd").GetDecimal());
        Assert.Equal(210m, requests.GetProperty("total_usd").GetDecimal());
        Assert.Equal(JsonValueKind.Null, plan.RootElement.GetProperty("peak").ValueKind); // no --rate: no load levels
    }

    [Fact]
    public async Task Plan_Text_ShowsTierCostAndEveryAssumption()
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["plan", "--rate", "20", "--input-tokens", "1500", "--output-tokens", "800", "--mean-response-time", "5s", "--model", "gpt-4o-2024-08-06"], Limit);

        Assert.True(exit == 0, stderr);
        Assert.Matches(@"tokens/min \(TPM\)\s+2,760,000\s+3,588,000\s+7,176,000", stdout);
        Assert.Matches(@"concurrency\s+100\s+130\s+260", stdout);
        Assert.Matches(@"tier\s+Tier 5\s+Tier 5\s+Tier 5", stdout);
        Assert.Contains("at peak, per month (730 h)    $197,100.00 input + $420,480.00 output = $617,580.00", stdout, StringComparison.Ordinal);
        Assert.Contains("Little's law", stdout, StringComparison.Ordinal);
        Assert.Contains("headroom 30% (default)", stdout, StringComparison.Ordinal);
        Assert.Contains("as of 2026-04-21", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_InconsistentInputs_ExitTwoNamingEachOption()
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["plan", "--rate", "0", "--input-tokens", "-5", "--output-tokens", "800", "--mean-response-time", "5", "--p95-response-time", "9", "--headroom", "30", "--input-price", "-3", "--output-price", "15"], Limit);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains("invalid input (5 problems)", stderr, StringComparison.Ordinal);
        Assert.Contains("--rate: expected peak requests per second, a number above 0, got '0'", stderr, StringComparison.Ordinal);
        Assert.Contains("--input-tokens: expected average input tokens per request, a number at least 0, got '-5'", stderr, StringComparison.Ordinal);
        Assert.Contains("--mean-response-time, --p95-response-time: give one or the other", stderr, StringComparison.Ordinal);
        Assert.Contains("--headroom: '30' is ambiguous: write 30% for a percentage", stderr, StringComparison.Ordinal);
        Assert.Contains("--input-price: expected USD per 1M input tokens, a number at least 0, got '-3'", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_MissingRequiredInputs_ExitTwoSayingWhatIsNeeded()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(["plan", "--output-tokens", "800", "--input-price", "3"], Limit);

        Assert.Equal(2, exit);
        Assert.Contains("--input-tokens, --output-tokens: both are required", stderr, StringComparison.Ordinal);
        Assert.Contains("--rate or --requests is required", stderr, StringComparison.Ordinal);
        Assert.Contains("--input-price, --output-price: give both", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_UnknownModel_ExitTwoNamingTheModelAndHowToAddAPrice()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(["plan", "--rate", "5", "--input-tokens", "100", "--output-tokens", "100", "--model", "llama-3-70b"], Limit);

        Assert.Equal(2, exit);
        Assert.Contains("--model: no price for model 'llama-3-70b'", stderr, StringComparison.Ordinal);
        Assert.Contains("--pricing FILE", stderr, StringComparison.Ordinal);
        Assert.Contains("--input-price and --output-price", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_PricingFile_PricesAModelTheTableLacks()
    {
        var pricing = Path.Combine(_directory, "prices.yaml");
        await File.WriteAllTextAsync(pricing, "models:\n  llama-3-70b:\n    input: 0.5\n    output: 1.5\n    source: our GPU bill\n");

        using var plan = await PlanJsonAsync("--requests", "1000", "--input-tokens", "2000", "--output-tokens", "1000", "--model", "llama-3-70b", "--pricing", pricing);

        var cost = plan.RootElement.GetProperty("cost");
        Assert.Equal("our GPU bill", cost.GetProperty("price").GetProperty("source").GetString());
        // 1,000 × (2,000 × $0.5 + 1,000 × $1.5) / 1M = $1 + $1.5
        Assert.Equal(2.5m, cost.GetProperty("requests").GetProperty("total_usd").GetDecimal());
    }

    [Fact]
    public async Task Plan_BadPricingFile_ExitTwoWithFileLineAndField()
    {
        var pricing = Path.Combine(_directory, "prices.yaml");
        await File.WriteAllTextAsync(pricing, "models:\n  gpt-4o:\n    input: 2.5\n    output: -10\n");

        var (exit, _, stderr) = await CliProcess.RunAsync(
            ["plan", "--rate", "5", "--input-tokens", "100", "--output-tokens", "100", "--model", "gpt-4o", "--pricing", pricing], Limit);

        Assert.Equal(2, exit);
        Assert.Contains("prices.yaml:4: models.gpt-4o.output: expected the price in USD per 1M output tokens, a number ≥ 0, got '-10'", stderr, StringComparison.Ordinal);
    }

    private static async Task<JsonDocument> PlanJsonAsync(params string[] args)
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync(["plan", "--json", .. args], Limit);
        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        return JsonDocument.Parse(stdout);
    }
}
