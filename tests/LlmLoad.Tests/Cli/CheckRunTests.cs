using LlmLoad.Simulator;
using LlmLoad.Tests.Support;
using LlmLoad.Workload;

namespace LlmLoad.Tests.Cli;

/// <summary><c>run --check</c> through the real CLI: one request shown whole, a verdict, and nothing written.</summary>
public sealed class CheckRunTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);
    private readonly string _directory = Directory.CreateTempSubdirectory("llmload-check-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Check_EmbeddedSimulator_ShowsTheExchangeAndPasses_WritingNothing()
    {
        var outDir = Path.Combine(_directory, "results");

        var (exit, stdout, stderr) = await CliProcess.RunAsync(["run", "--check", "--output-tokens", "6", "--out", outDir], Limit);

        Assert.True(exit == 0, stderr + stdout);
        Assert.Contains("/v1/chat/completions (HTTP/1.1)", stdout, StringComparison.Ordinal);
        Assert.Contains("Authorization: ***", stdout, StringComparison.Ordinal);
        Assert.Contains("status 200", stdout, StringComparison.Ordinal);
        Assert.Contains("6 output tokens (usage)", stdout, StringComparison.Ordinal);
        Assert.Contains("check passed", stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir), "a check writes no results");
    }

    [Fact]
    public async Task Check_CustomAppWithAResponsePathThatNeverMatches_FailsNamingThePath()
    {
        var example = File.ReadAllText(Path.Combine(Repository.Root, "examples", "custom-app.yaml"));
        var wrong = example.Replace("text: $.choices[0].delta.content", "text: $.choices[0].delta.txt", StringComparison.Ordinal);
        Assert.NotEqual(example, wrong);
        var scenario = Path.Combine(_directory, "wrong-path.yaml");
        File.WriteAllText(scenario, wrong);

        var (exit, stdout, stderr) = await CliProcess.RunAsync(["run", scenario, "--check"], Limit);

        Assert.True(exit == 5, $"exit {exit}: {stderr}{stdout}");
        Assert.Contains("problem  stream_error", stdout, StringComparison.Ordinal);
        Assert.Contains("$.choices[0].delta.txt", stdout, StringComparison.Ordinal);
        Assert.Contains("check failed", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WrongKey_FailsWithTheServersAnswer_AndNeverPrintsTheKey()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { ApiKey = "sk-right-0123456789", TimeToFirstTokenMs = new NormalSpec(1, 0), InterTokenLatencyMs = new NormalSpec(1, 0) });
        const string wrongKey = "sk-wrong-9876543210";

        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["run", "--check", "--url", simulator.BaseAddress + "v1", "--model", "sim", "--api-key-env", "CHECK_TEST_KEY"], Limit,
            new Dictionary<string, string> { ["CHECK_TEST_KEY"] = wrongKey });

        Assert.True(exit == 5, $"exit {exit}: {stderr}{stdout}");
        Assert.Contains("status 401", stdout, StringComparison.Ordinal);
        Assert.Contains("problem  client_error: HTTP 401", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, stdout + stderr, StringComparison.Ordinal);
    }
}
