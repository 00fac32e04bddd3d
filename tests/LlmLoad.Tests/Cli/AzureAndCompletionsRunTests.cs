using LlmLoad.Simulator;
using LlmLoad.Simulator.Tests.TestSupport;
using LlmLoad.Tests.Support;
using LlmLoad.Workload;

namespace LlmLoad.Tests.Cli;

/// <summary>
/// <c>llmload run --provider azure</c> and <c>--provider openai-completions</c> end to end: the real CLI
/// against the built-in simulator, which speaks both, streamed and buffered.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class AzureAndCompletionsRunTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    /// <summary>The embedded simulator's time to first token is 200 ms; a busy machine can only add to it.</summary>
    private const double EmbeddedTtftFloorMs = 195;

    [Theory]
    [InlineData("azure", "chatcmpl-", true)]
    [InlineData("azure", "chatcmpl-", false)]
    [InlineData("openai-completions", "cmpl-", true)]
    [InlineData("openai-completions", "cmpl-", false)]
    public async Task Run_ProviderAgainstEmbeddedSimulator_AllRequestsOkWithMeasuredTtftAndTokens(string provider, string idPrefix, bool stream)
    {
        using var results = new ResultsDirectory();

        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["run", "--provider", provider, stream ? "--stream" : "--no-stream", "--requests", "6", "--concurrency", "3", "--input-tokens", "40", "--output-tokens", "12", "--out", results.Path], Limit);

        Assert.True(exit == 0, stderr + stdout);
        var requests = results.Requests();
        Assert.Equal(6, requests.Count);
        Assert.All(requests, r =>
        {
            Assert.Equal(200, r.GetProperty("status").GetInt32());
            Assert.Null(r.GetProperty("error_class").GetString());
            Assert.StartsWith(idPrefix, r.GetProperty("response_id").GetString(), StringComparison.Ordinal);
            Assert.Equal(40, r.GetProperty("input_tokens").GetInt32());
            Assert.Equal(12, r.GetProperty("output_tokens").GetInt32());
            Assert.Equal("usage", r.GetProperty("token_source").GetString());
            Assert.Equal("length", r.GetProperty("finish_reason").GetString());
            Assert.Equal(stream ? 12 : 1, r.GetProperty("chunks").GetInt32());
            Assert.True(r.GetProperty("ttft_ms").GetDouble() >= EmbeddedTtftFloorMs, $"TTFT {r.GetProperty("ttft_ms").GetDouble()} ms");
        });
        var target = results.Summary().GetProperty("run").GetProperty("target");
        Assert.Equal(provider, target.GetProperty("provider").GetString());
        Assert.Equal(stream, target.GetProperty("stream").GetBoolean());
    }

    [Theory]
    [InlineData("openai/v1", "api-key")]
    [InlineData("openai/v1", "bearer")]
    [InlineData("", "api-key")]
    public async Task Run_Azure_BothUrlsAndBothAuthModes_AreServedWithTheKeyFromTheEnvironment(string path, string auth)
    {
        const string key = "azure-test-key-0123456789";
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { ApiKey = key, TimeToFirstTokenMs = new NormalSpec(30, 0), InterTokenLatencyMs = new NormalSpec(2, 0) });
        using var results = new ResultsDirectory();

        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["run", "--provider", "azure", "--url", simulator.BaseAddress + path, "--auth", auth, "--model", "my-deployment", "--requests", "3", "--output-tokens", "5", "--out", results.Path],
            Limit,
            new Dictionary<string, string> { ["AZURE_OPENAI_API_KEY"] = key });

        Assert.True(exit == 0, stderr + stdout);
        Assert.All(results.Requests(), r =>
        {
            Assert.Null(r.GetProperty("error_class").GetString());
            Assert.Equal(5, r.GetProperty("output_tokens").GetInt32());
            Assert.True(r.GetProperty("ttft_ms").GetDouble() >= 29, $"TTFT {r.GetProperty("ttft_ms").GetDouble()} ms");
        });
        Assert.DoesNotContain(key, stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Azure_WrongKey_IsRecordedAsClientErrorWithAzuresMessage()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { ApiKey = "azure-right-key-0123456789" });
        using var results = new ResultsDirectory();

        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["run", "--provider", "azure", "--url", simulator.BaseAddress.ToString(), "--model", "my-deployment", "--requests", "2", "--out", results.Path],
            Limit,
            new Dictionary<string, string> { ["AZURE_OPENAI_API_KEY"] = "azure-wrong-key-0123456789" });

        Assert.True(exit == 0, stderr + stdout);
        Assert.All(results.Requests(), r =>
        {
            Assert.Equal(401, r.GetProperty("status").GetInt32());
            Assert.Equal("client_error", r.GetProperty("error_class").GetString());
            Assert.Contains("Access denied due to invalid subscription key", r.GetProperty("error_message").GetString(), StringComparison.Ordinal);
        });
    }
}
