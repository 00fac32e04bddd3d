using System.Globalization;
using System.Text.Json;
using LlmLoad.FindLimit;
using LlmLoad.Tests.Support;

namespace LlmLoad.Tests.FindLimit;

/// <summary>
/// find-limit with --budget-usd against the built-in simulator: one cap for the whole search, whatever the
/// number of steps. Requests of 1,000 input and 500 output tokens at gpt-4o's $2.50 / $10 per 1M cost $0.0075.
/// </summary>
public sealed class FindLimitBudgetRunTests
{
    private const decimal CostPerRequest = 0.0075m;

    /// <summary>What the guard reserves per request: 1,000 x 1.5 + 64 input tokens and 500 output tokens.</summary>
    private const decimal WorstCasePerRequest = ((1000 * 1.5m) + 64) * 2.5m / 1_000_000 + (500 * 10m / 1_000_000);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task FindLimit_BudgetBelowTheFirstStep_StopsInsideItAndTheStepsTogetherStayUnderTheCap()
    {
        using var results = new ResultsDirectory();

        // The first step would send 40 requests, $0.30; the cap stops it near 30.
        var (exit, stdout, stderr) = await RunAsync(results, budgetUsd: "0.25");

        Assert.True(exit == 4, stderr + stdout);
        var json = FindLimitJson(results);
        Assert.True(json.GetProperty("budget_ran_out").GetBoolean());
        Assert.StartsWith("the cost budget ran out during step 1", json.GetProperty("stopped_because").GetString(), StringComparison.Ordinal);
        var step = Assert.Single(json.GetProperty("curve").EnumerateArray());
        Assert.Equal("budget", step.GetProperty("stopped_by").GetString());
        var spent = RecordedCost(results);
        // The guard stops at the first request whose worst case would cross the cap, while the requests then in
        // flight still hold their worst case: each leaves (worst - actual) of the cap unspent. How many were in
        // flight depends on how fast this machine answered, so it is read from the run's own records.
        var unspentBound = WorstCasePerRequest + (MaxInFlight(results) * (WorstCasePerRequest - CostPerRequest));
        Assert.InRange(spent, 0.25m - unspentBound, 0.25m);
        Assert.Equal(spent, json.GetProperty("cost_usd").GetDecimal());
        Assert.Contains("(budget)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindLimit_BudgetForOneStep_DoesNotStartTheNextOne()
    {
        using var results = new ResultsDirectory();

        // The first step costs 40 x $0.0075 = $0.30; the next, at 40 req/s, would cost $0.60 more: over $0.50.
        var (exit, stdout, stderr) = await RunAsync(results, budgetUsd: "0.50");

        Assert.True(exit == 4, stderr + stdout);
        var json = FindLimitJson(results);
        Assert.Equal("the cost budget ran out ($0.3000 of $0.5000 spent, the next step would cost about $0.6000) before climbing to the first failing step (40 req/s)", json.GetProperty("stopped_because").GetString());
        var step = Assert.Single(json.GetProperty("curve").EnumerateArray());
        Assert.Equal("duration", step.GetProperty("stopped_by").GetString());
        Assert.Equal(40 * CostPerRequest, RecordedCost(results));
        Assert.Equal(0.5m, json.GetProperty("search").GetProperty("budget_usd").GetDecimal());
    }

    private static Task<(int Exit, string Stdout, string Stderr)> RunAsync(ResultsDirectory results, string budgetUsd)
        => CliProcess.RunAsync(
            ["find-limit", "--simulator", "instant", "--model", "gpt-4o", "--start", "20", "--step-duration", "2s", "--grace", "1s",
             "--arrival", "constant", "--input-tokens", "1000", "--output-tokens", "500", "--budget-usd", budgetUsd, "--out", results.Path],
            Limit);

    private static JsonElement FindLimitJson(ResultsDirectory results)
        => JsonDocument.Parse(File.ReadAllText(Path.Combine(results.Path, "find-limit.json"))).RootElement;

    /// <summary>The most requests in flight at once, from each record's send time and E2E.</summary>
    private static int MaxInFlight(ResultsDirectory results)
    {
        var edges = Directory.GetFiles(Path.Combine(results.Path, "steps"), "requests.jsonl", SearchOption.AllDirectories)
            .SelectMany(File.ReadLines)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .SelectMany(r =>
            {
                var sent = r.GetProperty("sent_ms").GetDouble();
                return new[] { (At: sent, Step: 1), (At: sent + r.GetProperty("e2e_ms").GetDouble(), Step: -1) };
            })
            .OrderBy(e => e.At).ThenBy(e => e.Step);
        int inFlight = 0, max = 0;
        foreach (var (_, step) in edges)
        {
            inFlight += step;
            max = Math.Max(max, inFlight);
        }

        return max;
    }

    /// <summary>The sum of cost_usd over every request of every step, as requests.jsonl recorded them.</summary>
    private static decimal RecordedCost(ResultsDirectory results)
        => Directory.GetFiles(Path.Combine(results.Path, "steps"), "requests.jsonl", SearchOption.AllDirectories)
            .SelectMany(File.ReadLines)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("cost_usd").GetDecimal())
            .Sum();
}
