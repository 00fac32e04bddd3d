using System.Text.Json;
using LlmLoad.Tests.Support;

namespace LlmLoad.Tests.Estimate;

/// <summary>The real CLI: estimate's output and bad input, and the estimate against what a real run against the simulator cost.</summary>
public sealed class EstimateCommandTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);
    private readonly string _directory = Directory.CreateTempSubdirectory("llmload-estimate-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Estimate_Json_WritesTheSchemaWithExactFigures()
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync(["estimate", "--requests", "10000", "--input-tokens", "2000", "--output-tokens", "1000", "--input-price", "3", "--output-price", "15", "--budget-usd", "200", "--json"], Limit);

        Assert.True(exit == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("llmload.estimate/v1", json.GetProperty("schema").GetString());
        Assert.Equal(10000, json.GetProperty("requests").GetProperty("expected").GetInt32());
        Assert.Equal(20_000_000, json.GetProperty("tokens").GetProperty("input").GetProperty("high").GetInt64());
        var cost = json.GetProperty("cost");
        Assert.Equal(210m, cost.GetProperty("total_usd").GetProperty("expected").GetDecimal());
        Assert.Equal(0.021m, cost.GetProperty("per_request_usd").GetDecimal());
        Assert.Equal("--input-price, --output-price", cost.GetProperty("price").GetProperty("source").GetString());
        Assert.True(json.GetProperty("budget").GetProperty("exceeded").GetBoolean());
        Assert.NotEmpty(json.GetProperty("notes").EnumerateArray());
    }

    [Fact]
    public async Task Estimate_BadInput_Exits2NamingEachProblem()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(["estimate", "--model", "my-finetune", "--budget-usd", "5", "--output-price", "-2"], Limit);

        Assert.Equal(2, exit);
        Assert.Contains("--output-price: expected USD per 1M output tokens, a number at least 0, got '-2'", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public async Task Estimate_UnknownModelWithBudget_NamesTheModelAndHowToAddAPrice()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(["estimate", "--model", "my-finetune", "--budget-usd", "5"], Limit);

        Assert.Equal(2, exit);
        Assert.Contains("no price for model 'my-finetune'", stderr);
        Assert.Contains("--pricing FILE", stderr);
    }

    /// <summary>The check: the estimate within 10% of what the same scenario cost against the simulator.</summary>
    [Theory]
    [InlineData("limits:\n  requests: 150\ntraffic:\n  concurrency: 16\n")]
    [InlineData("limits:\n  duration: 4s\ntraffic:\n  rate: 30\n  arrival: constant\n")]
    public async Task Estimate_SameScenarioRunAgainstSimulator_Within10Percent(string load)
    {
        var scenario = Path.Combine(_directory, "scenario.yaml");
        File.WriteAllText(scenario, "target:\n  model: gpt-4o-mini\nworkload:\n  input_tokens: 300:120\n  output_tokens: 40:15\n  seed: 9\n" + load);
        var results = Path.Combine(_directory, "results");

        var estimate = await CliProcess.RunAsync(["estimate", scenario, "--json"], Limit);
        var run = await CliProcess.RunAsync(["run", scenario, "--out", results, "--simulator", "gpu-server"], Limit);

        Assert.True(estimate.ExitCode == 0, estimate.Stderr);
        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        var expected = JsonDocument.Parse(estimate.Stdout).RootElement.GetProperty("cost").GetProperty("total_usd").GetProperty("expected").GetDecimal();
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(results, "summary.json"))).RootElement;
        var actual = summary.GetProperty("cost").GetProperty("total_usd").GetDecimal();
        var perLine = File.ReadAllLines(Path.Combine(results, "requests.jsonl")).Sum(l => JsonDocument.Parse(l).RootElement.GetProperty("cost_usd").GetDecimal());
        Assert.Equal(actual, perLine);
        Assert.InRange(actual, expected * 0.9m, expected * 1.1m);
    }
}
