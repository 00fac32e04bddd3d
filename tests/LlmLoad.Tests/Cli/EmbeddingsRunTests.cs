using System.Text.Json;
using LlmLoad.Tests.Support;

namespace LlmLoad.Tests.Cli;

/// <summary><c>llmload run --provider openai-embeddings</c> against the built-in simulator: what a user sees in the files and the console.</summary>
[Collection(TimingSensitive.Name)]
public sealed class EmbeddingsRunTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Run_ProviderOpenAiEmbeddings_EmbedsBatchesAndReportsInputsPerSecondWithoutTtft()
    {
        using var results = new ResultsDirectory();

        var (exit, stdout, stderr) = await CliProcess.RunAsync(["run", "--provider", "openai-embeddings", "--batch-size", "4", "--requests", "8", "--concurrency", "2", "--input-tokens", "32", "--seed", "5", "--out", results.Path], Limit);

        Assert.True(exit == 0, stderr + stdout);
        var requests = results.Requests();
        Assert.Equal(8, requests.Count);
        Assert.All(requests, r =>
        {
            Assert.Equal(JsonValueKind.Null, r.GetProperty("error_class").ValueKind);
            Assert.Equal(4, r.GetProperty("inputs").GetInt32());
            Assert.Equal(4 * 32, r.GetProperty("input_tokens").GetInt32());
            Assert.Equal(0, r.GetProperty("output_tokens").GetInt32());
            Assert.Equal("usage", r.GetProperty("token_source").GetString());
            Assert.True(r.GetProperty("e2e_ms").GetDouble() > 0);
            Assert.Equal(JsonValueKind.Null, r.GetProperty("ttft_ms").ValueKind);
        });

        var summary = results.Summary();
        Assert.False(summary.GetProperty("run").GetProperty("target").GetProperty("stream").GetBoolean());
        var latency = summary.GetProperty("latency_ms");
        Assert.Equal(8, latency.GetProperty("e2e").GetProperty("count").GetInt32());
        foreach (var absent in new[] { "ttft", "ttfo", "tpot", "itl", "chunk_gap", "ttft_from_scheduled" })
        {
            Assert.False(latency.TryGetProperty(absent, out _), $"latency_ms.{absent} is in an embeddings run's summary");
        }

        var throughput = summary.GetProperty("throughput");
        var window = throughput.GetProperty("window_s").GetDouble();
        // window_s is rounded to the millisecond: 1% covers that rounding on the shortest window this run can have.
        Assert.Equal(8 * 4 / window, throughput.GetProperty("inputs_per_s").GetDouble(), tolerance: 8 * 4 / window * 0.01);
        Assert.Equal(8 * 4 * 32 / window, throughput.GetProperty("input_tokens_per_s").GetDouble(), tolerance: 8 * 4 * 32 / window * 0.01);
        Assert.Contains("inputs/s", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("TTFT", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_EmbeddingsWithInputPriceAlone_PricesEachRequestsInputTokens()
    {
        using var results = new ResultsDirectory();

        var (exit, stdout, stderr) = await CliProcess.RunAsync(["run", "--provider", "openai-embeddings", "--batch-size", "2", "--requests", "3", "--input-tokens", "50", "--input-price", "0.02", "--out", results.Path], Limit);

        Assert.True(exit == 0, stderr + stdout);
        Assert.All(results.Requests(), r => Assert.Equal(2 * 50 * 0.02m / 1_000_000m, r.GetProperty("cost_usd").GetDecimal()));
    }

    [Theory]
    [InlineData("--batch-size", "0", "--batch-size: expected the number of inputs per request, a whole number from 1 to 2048")]
    [InlineData("--batch-size", "3000", "--batch-size: expected the number of inputs per request, a whole number from 1 to 2048")]
    [InlineData("--stream", null, "--provider openai-embeddings does not stream")]
    [InlineData("--session-turns", "2", "there is no conversation for a session to continue")]
    [InlineData("--slo", "ttft.p95<500ms", "--slo 'ttft.p95<500ms': --provider openai-embeddings answers arrive whole, with no ttft to measure")]
    public async Task Run_EmbeddingsBadInput_SaysWhatIsWrongAndExitsTwo(string flag, string? value, string expected)
    {
        using var results = new ResultsDirectory();
        string[] args = ["run", "--provider", "openai-embeddings", "--requests", "2", "--out", results.Path, flag];

        var (exit, stdout, stderr) = await CliProcess.RunAsync(value is null ? args : [.. args, value], Limit);

        Assert.Equal(2, exit);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr + stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(results.RequestsFile));
    }

    [Fact]
    public async Task Run_BatchSizeWithAnotherProvider_IsRefusedNamingTheEmbeddingsProvider()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(["run", "--batch-size", "4", "--requests", "2"], Limit);

        Assert.Equal(2, exit);
        Assert.Contains("--batch-size: applies to --provider openai-embeddings, not openai", stderr, StringComparison.Ordinal);
    }
}
