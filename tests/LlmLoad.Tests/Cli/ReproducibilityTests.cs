using LlmLoad.Tests.Support;

namespace LlmLoad.Tests.Cli;

/// <summary>--seed makes the workload the same in every process, not just within one.</summary>
public sealed class ReproducibilityTests
{
    [Fact]
    public async Task SameSeed_TwoProcesses_SameRequestLengths()
    {
        async Task<List<(long, int, int)>> LengthsAsync()
        {
            using var results = new ResultsDirectory();
            var (exit, stdout, stderr) = await CliProcess.RunAsync(
                ["run", "--simulator", "instant", "--requests", "30", "--concurrency", "3", "--input-tokens", "300:80", "--output-tokens", "20:8", "--seed", "5", "--out", results.Path],
                TimeSpan.FromSeconds(90));
            Assert.True(exit == 0, stderr + stdout);
            return [.. results.Requests()
                .Select(r => (r.GetProperty("seq").GetInt64(), r.GetProperty("input_tokens_tokenizer").GetInt32(), r.GetProperty("max_tokens").GetInt32()))
                .Order()];
        }

        var first = await LengthsAsync();
        var second = await LengthsAsync();

        Assert.Equal(first, second);
        Assert.True(first.Select(r => r.Item2).Distinct().Count() > 10, "lengths vary with a standard deviation");
    }
}
