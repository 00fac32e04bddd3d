using LlmLoad.Simulator;
using LlmLoad.Tests.Support;
using LlmLoad.Workload;

namespace LlmLoad.Tests.Cli;

/// <summary>SLOs through the real CLI against the simulator: the exit codes CI gates on, and what the run says.</summary>
public sealed class SloRunTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Run_SlosHold_ExitsZeroAndReportsPassAndGoodput()
    {
        using var results = new ResultsDirectory();

        var (exit, stdout, stderr) = await RunAsync(results, ["--slo", "ttft.p95<2s", "--slo", "error_rate < 1%", "--slo", "goodput>=100%"]);

        Assert.True(exit == 0, stderr + stdout);
        Assert.Contains("PASS ttft.p95<2s: measured", stdout);
        Assert.Contains("PASS goodput>=100%: measured 100%", stdout);
        var slo = results.Summary().GetProperty("slo");
        Assert.True(slo.GetProperty("passed").GetBoolean());
        Assert.Equal(1, slo.GetProperty("goodput").GetDouble());
        Assert.Equal(8, slo.GetProperty("goodput_met").GetInt32());
        var check = slo.GetProperty("checks")[0];
        Assert.Equal("ttft", check.GetProperty("metric").GetString());
        Assert.Equal("p95", check.GetProperty("stat").GetString());
        Assert.Equal(2000, check.GetProperty("threshold").GetDouble());
        Assert.InRange(check.GetProperty("value").GetDouble(), 20, 2000);
    }

    [Fact]
    public async Task Run_SloFails_ExitsNinetyNineNamingItAfterWritingResults()
    {
        using var results = new ResultsDirectory();

        var (exit, stdout, stderr) = await RunAsync(results, ["--slo", "ttft.p50<5ms", "--slo", "error_rate<1%", "--slo", "goodput>90%"]);

        Assert.True(exit == 99, $"exit {exit}\n{stderr}{stdout}");
        Assert.Contains("2 of 3 SLOs failed", stderr);
        Assert.Contains("ttft.p50<5ms: measured", stderr);
        Assert.Contains("goodput>90%: measured 0%", stderr);
        Assert.DoesNotContain("error_rate", stderr);
        Assert.Contains("FAIL ttft.p50<5ms", stdout);
        Assert.Equal(8, results.Requests().Count);
        var slo = results.Summary().GetProperty("slo");
        Assert.False(slo.GetProperty("passed").GetBoolean());
        Assert.Equal([false, true, false], slo.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("passed").GetBoolean()));
    }

    [Fact]
    public async Task Run_BadSlo_ExitsTwoNamingItAndSendsNothing()
    {
        using var results = new ResultsDirectory();

        var (exit, _, stderr) = await CliProcess.RunAsync(["run", "--slo", "ttft.p96<800ms", "--slo", "goodput>95", "--requests", "3", "--out", results.Path], Limit);

        Assert.Equal(2, exit);
        Assert.Contains("--slo 'ttft.p96<800ms': unknown statistic 'p96'; expected one of mean, p50, p90, p95, p99, p99_9, max, min", stderr);
        Assert.Contains("--slo 'goodput>95': '95' is not a share", stderr);
        Assert.False(Directory.Exists(results.Path));
    }

    [Fact]
    public async Task Run_SloListInScenario_IsCheckedAndAFlagReplacesIt()
    {
        using var results = new ResultsDirectory();
        using var replaced = new ResultsDirectory();
        var scenario = Path.Combine(Path.GetTempPath(), $"llmload-slo-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(scenario, "slo:\n  - e2e.max < 1ms\n  - requests_per_s > 0\n");
        try
        {
            var (exit, stdout, stderr) = await RunAsync(results, [scenario]);
            var (replacedExit, replacedOut, replacedErr) = await RunAsync(replaced, [scenario, "--slo", "e2e.max<30s"]);

            Assert.True(exit == 99, $"exit {exit}\n{stderr}{stdout}");
            Assert.Contains("1 of 2 SLOs failed", stderr);
            Assert.Contains("e2e.max<1ms", stderr);
            Assert.Equal(["e2e.max<1ms", "requests_per_s>0"], results.Summary().GetProperty("slo").GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("expression").GetString()));
            Assert.True(replacedExit == 0, replacedErr + replacedOut);
            Assert.Equal(1, replaced.Summary().GetProperty("slo").GetProperty("checks").GetArrayLength());
        }
        finally
        {
            File.Delete(scenario);
        }
    }

    [Fact]
    public async Task Run_InterruptedWithFailingSlo_KeepsExitThree()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { TimeToFirstTokenMs = new NormalSpec(20, 0), InterTokenLatencyMs = new NormalSpec(2, 0) });
        using var results = new ResultsDirectory();
        using var cli = CliProcess.Start(["run", "--url", simulator.BaseAddress + "v1", "--model", "sim", "--concurrency", "2", "--duration", "60s", "--output-tokens", "4", "--grace", "1s", "--slo", "ttft.p50<1ms", "--out", results.Path]);
        var waited = TimeSpan.Zero;
        while (!File.Exists(results.RequestsFile) || File.ReadAllLines(results.RequestsFile).Length < 4)
        {
            Assert.True(waited < TimeSpan.FromSeconds(30), "no requests recorded in time:\n" + cli.StandardOutput + cli.StandardError);
            await Task.Delay(100);
            waited += TimeSpan.FromMilliseconds(100);
        }

        cli.Signal("INT");
        var exit = await cli.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(3, exit);
        Assert.False(results.Summary().GetProperty("slo").GetProperty("passed").GetBoolean());
        Assert.Contains("FAIL ttft.p50<1ms", cli.StandardOutput);
    }

    /// <summary>8 short requests against a simulator with a 20 ms TTFT, started for this test.</summary>
    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(ResultsDirectory results, string[] args)
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { TimeToFirstTokenMs = new NormalSpec(20, 0), InterTokenLatencyMs = new NormalSpec(2, 0) });
        return await CliProcess.RunAsync(
            ["run", "--url", simulator.BaseAddress + "v1", "--model", "sim", "--requests", "8", "--concurrency", "4", "--output-tokens", "4", "--out", results.Path, .. args], Limit);
    }
}
