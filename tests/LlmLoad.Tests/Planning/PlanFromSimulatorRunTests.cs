using System.Text.Json;
using LlmLoad.Tests.Support;

namespace LlmLoad.Tests.Planning;

/// <summary>
/// <c>llmload plan --from</c> on results the real CLI wrote against the built-in simulator: the plan reads what the run
/// measured. The find-limit search judges steps by timing, so these run alone.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class PlanFromSimulatorRunTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);
    private readonly string _directory = Directory.CreateTempSubdirectory("llmload-plan-sim-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task PlanFrom_SimulatorRun_UsesTheSummarysFigures()
    {
        var results = Path.Combine(_directory, "run");
        var (runExit, _, runStderr) = await CliProcess.RunAsync(["run", "--simulator", "instant", "--requests", "20", "--out", results], Limit);
        Assert.True(runExit == 0, runStderr);
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(results, "summary.json")));
        var tokens = summary.RootElement.GetProperty("tokens");
        var e2e = summary.RootElement.GetProperty("latency_ms").GetProperty("e2e");

        var (exit, stdout, stderr) = await CliProcess.RunAsync(["plan", "--json", "--from", results, "--target-rate", "200"], Limit);

        Assert.True(exit == 0, stderr);
        using var plan = JsonDocument.Parse(stdout);
        var inputs = plan.RootElement.GetProperty("inputs");
        Assert.Equal(tokens.GetProperty("input_total").GetDecimal() / 20, inputs.GetProperty("input_tokens").GetDecimal());
        Assert.Equal(tokens.GetProperty("output_total").GetDecimal() / 20, inputs.GetProperty("output_tokens").GetDecimal());
        Assert.Equal(e2e.GetProperty("mean").GetDecimal() / 1000, inputs.GetProperty("response_time_s").GetDecimal());
        Assert.Equal(200 * e2e.GetProperty("mean").GetDecimal() / 1000, plan.RootElement.GetProperty("peak").GetProperty("concurrency").GetDecimal());
        Assert.Equal("llmload-sim", plan.RootElement.GetProperty("measured").GetProperty("model").GetString());
        Assert.Equal(JsonValueKind.Null, plan.RootElement.GetProperty("cost").ValueKind); // the simulator's model has no price
    }

    [Fact]
    public async Task PlanFrom_SimulatorFindLimit_ReplicasFromTheKnee()
    {
        var results = Path.Combine(_directory, "limit");
        var (searchExit, _, searchStderr) = await CliProcess.RunAsync(
            ["find-limit", "--simulator", "instant", "--start", "20", "--step-duration", "1s", "--grace", "2s", "--max-time", "12s", "--slo", "error_rate<1%", "--out", results], Limit);
        Assert.True(searchExit is 0 or 4, $"exit {searchExit}: {searchStderr}"); // 4: the instant simulator held every step tried

        var (exit, stdout, stderr) = await CliProcess.RunAsync(["plan", "--json", "--from", results, "--target-rate", "1000", "--input-price", "1", "--output-price", "2"], Limit);

        Assert.True(exit == 0, stderr);
        using var plan = JsonDocument.Parse(stdout);
        var measured = plan.RootElement.GetProperty("measured");
        var perReplica = measured.GetProperty("replica_rate_per_s").GetDecimal();
        Assert.Equal(measured.GetProperty("knee").GetProperty("load").GetDecimal(), perReplica);
        Assert.Equal(decimal.Ceiling(1300 / perReplica), measured.GetProperty("replicas").GetProperty("with_headroom").GetDecimal());
        Assert.StartsWith("steps/", plan.RootElement.GetProperty("from").GetProperty("summary_file").GetString(), StringComparison.Ordinal);
    }
}
