using LlmLoad.Tests.Support;

namespace LlmLoad.Tests.FindLimit;

/// <summary>find-limit's input checks: each problem named, nothing sent, exit 2.</summary>
public sealed class FindLimitCommandTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task FindLimit_BadSettings_ExitsTwoNamingEachProblem()
    {
        using var results = new ResultsDirectory();

        var (exit, _, stderr) = await CliProcess.RunAsync(
            ["find-limit", "--by", "concurrency", "--concurrency", "4", "--step-duration", "30s", "--max-time", "20s", "--tolerance", "150%", "--out", results.Path],
            Limit);

        Assert.Equal(2, exit);
        Assert.Contains("--concurrency: --by concurrency sets the concurrency of each step itself", stderr, StringComparison.Ordinal);
        Assert.Contains("--tolerance: expected a share between 0 and 1", stderr, StringComparison.Ordinal);
        Assert.Contains("--max-time: 20s is less than one step", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(results.Path));
    }

    [Fact]
    public async Task FindLimit_RequestBudgetBelowTheFirstStep_ExitsTwo()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(["find-limit", "--start", "10", "--step-duration", "30s", "--max-requests", "100"], Limit);

        Assert.Equal(2, exit);
        Assert.Contains("--max-requests: 100 is less than the first step sends (10 req/s for 30s = 300)", stderr, StringComparison.Ordinal);
    }
}
