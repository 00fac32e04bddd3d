using LlmLoad.Simulator;
using LlmLoad.Simulator.Serving;
using LlmLoad.Tests.Support;

namespace LlmLoad.Tests.Cli;

/// <summary>An objective with ,abort=D stops a run whose server falls behind, keeping what was recorded.</summary>
[Collection(TimingSensitive.Name)]
public sealed class SloAbortRunTests
{
    [Fact]
    public async Task Run_QueueGrowsPastTheObjective_StopsEarlyWithExitThreeAndResultsKept()
    {
        // One slot, 20 + 9 x 10 = 110 ms a request: about 9 req/s. Offered 30 req/s, the queue grows by
        // ~21 a second and TTFT with it, past 300 ms within the first seconds.
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            TimeToFirstTokenMs = new(20, 0),
            InterTokenLatencyMs = new(10, 0),
            Capacity = new ServingCapacity { MaxBatch = 1 },
        });
        using var results = new ResultsDirectory();

        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["run", "--url", simulator.BaseAddress + "v1", "--model", "sim", "--rate", "30", "--duration", "40s", "--grace", "1s",
             "--input-tokens", "16", "--output-tokens", "10", "--slo", "ttft.p95<300ms,abort=2s", "--slo", "error_rate<5%", "--out", results.Path],
            TimeSpan.FromSeconds(90));

        Assert.True(exit == 3, $"exit {exit}\n{stderr}{stdout}");
        Assert.Contains("SLO abort: ttft.p95<300ms measured", stdout);
        var summary = results.Summary();
        var run = summary.GetProperty("run");
        Assert.Equal("slo", run.GetProperty("stopped_by").GetString());
        Assert.True(run.GetProperty("duration_s").GetDouble() < 20, $"ran {run.GetProperty("duration_s").GetDouble()} s");
        var aborted = summary.GetProperty("slo").GetProperty("aborted");
        Assert.Equal("ttft.p95<300ms", aborted.GetProperty("expression").GetString());
        Assert.True(aborted.GetProperty("value").GetDouble() > 300);
        Assert.Equal(2, summary.GetProperty("slo").GetProperty("checks")[0].GetProperty("abort_after_s").GetDouble());
        Assert.Equal(summary.GetProperty("requests").GetProperty("total").GetInt32(), results.Requests().Count);
    }
}
