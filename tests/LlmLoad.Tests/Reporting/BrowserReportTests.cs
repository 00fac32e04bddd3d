using System.Text.Json;
using LlmLoad.Reporting.Html;
using LlmLoad.Simulator;
using LlmLoad.Tests.Support;
using LlmLoad.Workload;

namespace LlmLoad.Tests.Reporting;

/// <summary>report.html opened in a real headless Chromium: it draws every chart, shows the verdict, answers a hover, and asks no network for anything.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class BrowserReportTests(Chromium chromium)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task RunReport_OpenedOffline_DrawsEveryChartShowsTheVerdictAndAnswersAHover()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { TimeToFirstTokenMs = new NormalSpec(20, 0), InterTokenLatencyMs = new NormalSpec(2, 0) });
        using var results = new ResultsDirectory();
        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["run", "--url", simulator.BaseAddress + "v1", "--model", "sim", "--rate", "10", "--duration", "3s", "--output-tokens", "4",
             "--slo", "ttft.p95<5s", "--out", results.Path], Limit);
        Assert.True(exit == 0, stderr + stdout);

        await using var report = await OpenedReport.OpenAsync(chromium.Browser, Path.Combine(results.Path, HtmlReport.FileName));

        Assert.Empty(report.Errors);
        Assert.Empty(report.OtherRequests);
        Assert.Equal("SLOs passed · stopped by: duration", await report.TextAsync("#verdict"));
        var charts = await report.ChartsAsync();
        Assert.All(charts, c => Assert.True(c.Width > 0 && c.Height > 0, $"chart '{c.Title}' has a {c.Width}x{c.Height} canvas"));
        var windows = results.Summary().GetProperty("timeseries").GetProperty("windows").GetInt32();
        foreach (var title in new[] { "Load: offered vs achieved rate, in flight", "Requests completed per window", "Errors by class (none)", "TTFT", "ITL", "E2E", "Output tokens per second" })
        {
            Assert.Contains(charts, c => c.Title == title && c.Points == windows);
        }

        Assert.Contains(charts, c => c.Title.StartsWith("TTFT histogram (", StringComparison.Ordinal));
        Assert.Contains(charts, c => c.Title == "Schedule lag CDF");
        var values = await report.HoverAsync("Load: offered vs achieved rate, in flight");
        Assert.True(double.TryParse(values[0], System.Globalization.CultureInfo.InvariantCulture, out _), $"hover showed '{string.Join(" | ", values)}'");
        Assert.Contains(values.Skip(1), v => double.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out _));
    }

    [Fact]
    public async Task HourLongReport_DrawsEveryWindowAndTheColumnsItDoesNotKnow()
    {
        using var results = new ResultsDirectory();
        SyntheticResults.Write(results.Path, windows: 3600, requestsPerWindow: 10);
        var path = HtmlReport.WriteRun(results.Path, File.ReadAllBytes(results.SummaryFile));

        await using var report = await OpenedReport.OpenAsync(chromium.Browser, path);

        Assert.Empty(report.Errors);
        Assert.Empty(report.OtherRequests);
        Assert.Equal("SLOs FAILED · stopped by: duration", await report.TextAsync("#verdict"));
        var charts = await report.ChartsAsync();
        Assert.All(charts, c => Assert.True(c.Width > 0 && c.Height > 0, $"chart '{c.Title}' has a {c.Width}x{c.Height} canvas"));
        Assert.All(SyntheticResults.ExtraColumns, name => Assert.Contains(charts, c => c.Title == name && c.Points == 3600));
        Assert.Contains(charts, c => c.Title == "Errors by class" && c.Points == 3600);
        var values = await report.HoverAsync("TTFT");
        Assert.All(values, v => Assert.True(double.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out _), $"hover showed '{string.Join(" | ", values)}'"));
    }

    [Fact]
    public async Task Report_NamesEndingTheScript_ShowAsTextAndRunNothing()
    {
        using var results = new ResultsDirectory();
        SyntheticResults.Write(results.Path, windows: 5, requestsPerWindow: 2, model: HtmlReportTests.Breakout, category: "cat " + HtmlReportTests.Breakout);
        var path = HtmlReport.WriteRun(results.Path, File.ReadAllBytes(results.SummaryFile));

        await using var report = await OpenedReport.OpenAsync(chromium.Browser, path);

        Assert.Empty(report.Errors);
        Assert.True(await report.Page.EvaluateExpressionAsync<bool>("window.pwned === undefined"));
        Assert.Equal("llmload report: " + HtmlReportTests.Breakout, await report.Page.GetTitleAsync());
        Assert.Contains("cat " + HtmlReportTests.Breakout, await report.TextAsync("#tables"));
        Assert.Contains("a warning about cat " + HtmlReportTests.Breakout, await report.TextAsync(".warnings"));
    }

    [Fact]
    public async Task Report_RunWithNoWindowAndNoRequest_SaysSoWithoutAnError()
    {
        using var results = new ResultsDirectory();
        SyntheticResults.Write(results.Path, windows: 0, requestsPerWindow: 0);
        var path = HtmlReport.WriteRun(results.Path, File.ReadAllBytes(results.SummaryFile));

        await using var report = await OpenedReport.OpenAsync(chromium.Browser, path);

        Assert.Empty(report.Errors);
        Assert.Equal("SLOs FAILED · stopped by: duration", await report.TextAsync("#verdict"));
        Assert.Contains("No time series (timeseries.csv has no rows).", await report.TextAsync("#timeseries"));
        Assert.Contains("TTFT: no samples", await report.TextAsync("#distributions"));
        Assert.Empty(await report.ChartsAsync());
    }

    [Fact]
    public async Task FindLimitReport_DrawsTheCurveWithEveryStep()
    {
        using var results = new ResultsDirectory();
        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["find-limit", "--start", "4", "--step-duration", "3s", "--grace", "1s", "--max-time", "14s", "--output-tokens", "8", "--slo", "ttft.p95<5s", "--out", results.Path], Limit);
        // Knee found (0), none below the budget (4) or, on a machine too busy to keep up, the first step failed (99):
        // each writes the report, which is what is tested here.
        Assert.True(exit is 0 or 4 or 99, stderr + stdout);
        var steps = JsonDocument.Parse(File.ReadAllText(Path.Combine(results.Path, "find-limit.json"))).RootElement.GetProperty("curve").GetArrayLength();
        Assert.True(steps >= 1, stdout);

        await using var report = await OpenedReport.OpenAsync(chromium.Browser, Path.Combine(results.Path, HtmlReport.FileName));

        Assert.Empty(report.Errors);
        Assert.Empty(report.OtherRequests);
        Assert.StartsWith("knee: ", await report.TextAsync("#verdict"));
        var charts = await report.ChartsAsync();
        Assert.All(charts, c => Assert.True(c.Width > 0 && c.Height > 0, $"chart '{c.Title}' has a {c.Width}x{c.Height} canvas"));
        Assert.Contains(charts, c => c.Title == "Achieved vs offered" && c.Points == steps);
        Assert.Contains(charts, c => c.Title == "TTFT vs load" && c.Points == steps);
        // Each step's own run has its own report, linked from the steps table.
        var links = await report.Page.EvaluateExpressionAsync<string[]>("Array.from(document.querySelectorAll('#steps a')).map(a => a.getAttribute('href'))");
        Assert.Equal(steps, links.Length);
        Assert.All(links, link => Assert.True(File.Exists(Path.Combine(results.Path, link)), link));
    }

    [Fact]
    public async Task FailoverDrillReport_ShowsEveryTargetAndTheDrill()
    {
        using var results = new ResultsDirectory();
        var scenario = Path.Combine(Repository.Root, "examples", "failover.yaml");
        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["run", scenario, "--duration", "6s", "--rate", "20", "--outage", "primary,at=2s,for=2s,kind=503", "--out", results.Path], Limit);
        Assert.True(exit == 0, stderr + stdout);

        await using var report = await OpenedReport.OpenAsync(chromium.Browser, Path.Combine(results.Path, HtmlReport.FileName));

        Assert.Empty(report.Errors);
        Assert.Empty(report.OtherRequests);
        var tables = await report.TextAsync("#tables");
        var failedOver = results.Summary().GetProperty("targets").GetProperty("failed_over").GetInt32();
        Assert.Contains($"Per target ({failedOver} requests failed over)", tables, StringComparison.Ordinal);
        Assert.Contains("primary", tables, StringComparison.Ordinal);
        Assert.Contains("fallback", tables, StringComparison.Ordinal);
        Assert.Contains("Failover drill: primary (503) 2 s to 4 s", tables, StringComparison.Ordinal);
        Assert.Contains("failover_time_s", tables, StringComparison.Ordinal);
    }
}
