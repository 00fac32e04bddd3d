using LlmLoad.Simulator;
using LlmLoad.Tests.Support;

namespace LlmLoad.Tests.Routing;

/// <summary>
/// Gateway mode: llmload sends everything to a YARP gateway in front of two simulators, learns who served each request
/// from the gateway's x-served-by header, and drills an outage on one simulator behind it: the gateway's passive health
/// check takes it out, and the report shows traffic moving to the other.
/// </summary>
public sealed class GatewayRunTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Run_ThroughYarpWithAnOutageBehindIt_RecordsWhoServedAndShowsTrafficMoving()
    {
        using var results = new ResultsDirectory();
        var timing = new SimulatorOptions { TimeToFirstTokenMs = new(20, 0), InterTokenLatencyMs = new(2, 0) };
        await using var simA = await SimulatorServer.StartAsync(timing);
        await using var simB = await SimulatorServer.StartAsync(timing with { Seed = 2 });
        await using var gateway = await YarpGateway.StartAsync(new Dictionary<string, Uri> { ["sim-a"] = simA.BaseAddress, ["sim-b"] = simB.BaseAddress }, TimeSpan.FromSeconds(30));

        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            [
                "run", "--model", "sim", "--rate", "30", "--duration", "6s", "--input-tokens", "20", "--output-tokens", "4", "--seed", "4",
                "--target", $"gw={gateway.Address}v1,served_by=header:{YarpGateway.ServedByHeader}",
                // Weight 0: never sent to directly; named so the drill can break it and the records can name it.
                "--target", $"sim-a={simA.BaseAddress}v1,weight=0",
                "--target", $"sim-b={simB.BaseAddress}v1,weight=0",
                "--outage", "sim-a,at=2s,for=3s,kind=reset",
                "--out", results.Path,
            ],
            Limit);

        Assert.True(exit == 0, stderr + stdout);
        var requests = results.Requests();
        var servedBy = requests.Select(r => r.GetProperty("target").GetString()).ToHashSet();
        Assert.Contains("sim-a", servedBy);
        Assert.Contains("sim-b", servedBy);
        // Before the outage the gateway spreads the traffic over both (round robin, give or take what is in flight).
        var before = requests.Where(r => r.GetProperty("sent_ms").GetDouble() < 1900).ToList();
        Assert.InRange(before.Count(r => r.GetProperty("target").GetString() == "sim-a"), before.Count / 3, 2 * before.Count / 3);
        // During it, once the health check took sim-a out, everything went to sim-b.
        var drill = Assert.Single(results.Summary().GetProperty("failover").EnumerateArray());
        Assert.Equal("sim-a", drill.GetProperty("target").GetString());
        var failoverTime = drill.GetProperty("failover_time_s").GetDouble();
        var late = requests.Where(r => r.GetProperty("sent_ms").GetDouble() is var sent && sent >= 2000 + (failoverTime * 1000) + 1000 && sent < 5000).ToList();
        Assert.NotEmpty(late);
        Assert.All(late, r => Assert.Equal("sim-b", r.GetProperty("target").GetString()));
        Assert.Contains("sim-b", results.Summary().GetProperty("targets").GetProperty("by_target").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
    }
}
