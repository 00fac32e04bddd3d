using LlmLoad.Simulator;
using LlmLoad.Simulator.Faults;
using LlmLoad.Tests.Support;

namespace LlmLoad.Tests.Faults;

/// <summary>The breaker through the real CLI: a server that starts failing every request stops a long run early, results kept.</summary>
[Collection(TimingSensitive.Name)]
public sealed class BreakerRunTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Run_ServerFailsEverything_BreakerStopsTheRunWithExitThree()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            TimeToFirstTokenMs = new(5, 0),
            InterTokenLatencyMs = new(1, 0),
            Faults = [new FaultRule(FaultKind.Status500, from: TimeSpan.FromSeconds(1))],
        });
        using var results = new ResultsDirectory();

        // 60 s at 20/s would send 1 200 requests; the breaker should stop it a second or two after the failures start.
        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["run", "--url", simulator.BaseAddress + "v1", "--model", "sim", "--rate", "20", "--arrival", "constant", "--duration", "60s",
             "--input-tokens", "16", "--output-tokens", "4", "--breaker", "error_rate>50%,window=2s,min=10", "--out", results.Path],
            Limit);

        Assert.True(exit == 3, $"exit {exit}\n{stderr}{stdout}");
        Assert.Equal("breaker", results.Summary().GetProperty("run").GetProperty("stopped_by").GetString());
        Assert.Contains("breaker:", stdout);
        Assert.Contains("in the last 2s failed", stdout);
        var requests = results.Requests();
        Assert.InRange(requests.Count, 10, 300);
        Assert.Contains(requests, r => r.GetProperty("status").GetInt32() == 500);
    }

    [Fact]
    public async Task Run_BadBreaker_ExitsTwoNamingTheBadPartAndSendsNothing()
    {
        using var results = new ResultsDirectory();

        var (exit, _, stderr) = await CliProcess.RunAsync(["run", "--breaker", "error_rate>50%,window=soon", "--requests", "3", "--out", results.Path], Limit);

        Assert.Equal(2, exit);
        Assert.Contains("--breaker: window 'soon' is not a duration", stderr);
        Assert.False(Directory.Exists(results.Path));
    }
}
