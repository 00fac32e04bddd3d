using LlmLoad.Tests.Support;

namespace LlmLoad.Tests.Cost;

/// <summary>The real CLI with a budget, against the built-in simulator (priced as a real model: the simulator answers any name).</summary>
public sealed class BudgetRunTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Run_BudgetReachedMidRun_StopsWithExit3AndSpendsAtMostTheCap()
    {
        using var results = new ResultsDirectory();

        // 400 requests would cost about $0.51 at gpt-4o's price; the cap lets a fraction through.
        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["run", "--model", "gpt-4o", "--requests", "400", "--concurrency", "24", "--input-tokens", "256:64", "--output-tokens", "64:16", "--seed", "3",
             "--budget-usd", "0.10", "--yes", "--out", results.Path], Limit);

        Assert.True(exit == 3, stderr + stdout);
        Assert.Contains("budget:", stdout);
        var summary = results.Summary();
        Assert.Equal("budget", summary.GetProperty("run").GetProperty("stopped_by").GetString());
        var cost = summary.GetProperty("cost");
        var budget = cost.GetProperty("budget");
        Assert.True(budget.GetProperty("stopped").GetBoolean());
        Assert.Equal(0, budget.GetProperty("overruns").GetInt32());
        var requests = results.Requests();
        var recorded = requests.Sum(r => r.GetProperty("cost_usd").GetDecimal());
        Assert.Equal(recorded, cost.GetProperty("total_usd").GetDecimal());
        Assert.InRange(recorded, 0.05m, 0.10m);
        Assert.InRange(requests.Count, 40, 399);
        Assert.All(requests, r => Assert.Equal(200, r.GetProperty("status").GetInt32()));
    }

    [Fact]
    public async Task Run_EstimateAboveBudget_RefusedWithExit2AndNothingSent()
    {
        using var results = new ResultsDirectory();

        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["run", "--model", "gpt-4o", "--requests", "400", "--input-tokens", "256", "--output-tokens", "64", "--budget-usd", "0.10", "--out", results.Path], Limit);

        Assert.Equal(2, exit);
        Assert.Contains("estimated cost of this run, $0.5120", stderr);
        Assert.Contains("exceeds --budget-usd $0.1000; nothing was sent", stderr);
        Assert.Contains("--yes", stderr);
        Assert.False(File.Exists(results.RequestsFile), stdout);
    }

    [Fact]
    public async Task Run_BudgetWithoutPrice_Exit2NamingTheModel()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(["run", "--requests", "5", "--budget-usd", "1"], Limit);

        Assert.Equal(2, exit);
        Assert.Contains("--budget-usd: a budget needs a price for the run's model: no price for model 'llmload-sim'", stderr);
    }
}
