using System.Xml;
using LlmLoad.Simulator;
using LlmLoad.Tests.Support;
using LlmLoad.Workload;

namespace LlmLoad.Tests.Reporting;

/// <summary>junit.xml and <c>llmload report DIR</c> through the real CLI against the simulator.</summary>
public sealed class ResultFilesRunTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Run_WithSlosFromAScenario_WritesJUnitWithOneCasePerSloNamedAfterIt()
    {
        using var results = new ResultsDirectory();
        var scenario = Path.Combine(Path.GetTempPath(), $"checkout-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(scenario, "slo:\n  - ttft.p50 < 5ms\n  - error_rate < 1%\n  - e2e.max < 30s\n");
        try
        {
            var (exit, stdout, stderr) = await RunAsync(results, [scenario]);
            Assert.True(exit == 99, $"exit {exit}\n{stderr}{stdout}");
        }
        finally
        {
            File.Delete(scenario);
        }

        var junit = new XmlDocument();
        junit.Load(Path.Combine(results.Path, "junit.xml"));
        var suites = junit.DocumentElement!;
        Assert.Equal("testsuites", suites.Name);
        var suite = (XmlElement)suites.SelectSingleNode("testsuite")!;
        Assert.Equal(Path.GetFileNameWithoutExtension(scenario), suite.GetAttribute("name"));
        Assert.Equal("3", suite.GetAttribute("tests"));
        Assert.Equal("1", suite.GetAttribute("failures"));
        Assert.Equal("0", suite.GetAttribute("errors"));
        var cases = suite.SelectNodes("testcase")!.Cast<XmlElement>().ToList();
        Assert.Equal(["ttft.p50<5ms", "error_rate<1%", "e2e.max<30s"], cases.Select(c => c.GetAttribute("name")));
        var failures = suite.SelectNodes("testcase/failure")!.Cast<XmlElement>().ToList();
        var failure = Assert.Single(failures);
        Assert.Equal("ttft.p50<5ms", ((XmlElement)failure.ParentNode!).GetAttribute("name"));
        Assert.Matches(@"^ttft\.p50<5ms: measured [0-9.]+ms, threshold < 5ms$", failure.GetAttribute("message"));
        Assert.Equal("3", suites.GetAttribute("tests"));
        Assert.Equal("1", suites.GetAttribute("failures"));
    }

    [Fact]
    public async Task Report_ResultsDirectoryOfARun_RebuildsTheSameReport()
    {
        using var results = new ResultsDirectory();
        var (exit, stdout, stderr) = await RunAsync(results, []);
        Assert.True(exit == 0, stderr + stdout);
        var path = Path.Combine(results.Path, "report.html");
        var written = await File.ReadAllBytesAsync(path);
        File.Delete(path);

        var (reportExit, reportOut, reportErr) = await CliProcess.RunAsync(["report", results.Path], Limit);

        Assert.True(reportExit == 0, reportErr + reportOut);
        Assert.Contains(path, reportOut);
        Assert.Equal(written, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task Report_DirectoryWithoutResults_ExitsTwoSayingWhatItExpected()
    {
        using var results = new ResultsDirectory();
        Directory.CreateDirectory(results.Path);
        var missing = Path.Combine(results.Path, "nope");

        var (exit, _, stderr) = await CliProcess.RunAsync(["report", results.Path], Limit);
        var (missingExit, _, missingErr) = await CliProcess.RunAsync(["report", missing], Limit);
        await File.WriteAllTextAsync(results.SummaryFile, "{\"schema\": \"something/v9\"}");
        var (schemaExit, _, schemaErr) = await CliProcess.RunAsync(["report", results.Path], Limit);

        Assert.Equal(2, exit);
        Assert.Contains($"error: {results.Path}: has neither summary.json nor find-limit.json; expected the --out directory of llmload run or find-limit", stderr);
        Assert.Equal(2, missingExit);
        Assert.Contains($"error: {missing}: no such directory", missingErr);
        Assert.Equal(2, schemaExit);
        Assert.Contains("summary.json: expected schema llmload.summary/v1, got 'something/v9'", schemaErr);
        Assert.False(File.Exists(Path.Combine(results.Path, "report.html")));
    }

    /// <summary>8 short requests against a simulator with a 20 ms TTFT, started for this test.</summary>
    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(ResultsDirectory results, string[] args)
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { TimeToFirstTokenMs = new NormalSpec(20, 0), InterTokenLatencyMs = new NormalSpec(2, 0) });
        return await CliProcess.RunAsync(
            ["run", "--url", simulator.BaseAddress + "v1", "--model", "sim", "--requests", "8", "--concurrency", "4", "--output-tokens", "4", "--out", results.Path, .. args], Limit);
    }
}
