using System.Text;
using System.Text.RegularExpressions;
using LlmLoad.Tests.Support;

namespace LlmLoad.Tests.Analysis.Stability;

/// <summary>llmload run against a simulator whose first answers are slow, as a cold server's are: the cold-start warning.</summary>
[Collection(TimingSensitive.Name)]
public sealed class ColdStartRunTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData("0", "cold start: the first 3 requests' TTFT had a median of ")]
    [InlineData("10", "cold start hidden by the warm-up: the first 3 requests' TTFT had a median of ")]
    public async Task Run_ServerSlowUntilItWarmsUp_WarnsWithTheFirstRequestsAgainstTheSteadyState(string warmup, string expected)
    {
        using var simulator = await SimulatorProcess.StartAsync("--ttft-ms", "20", "--itl-ms", "2");
        using var http = new HttpClient();
        var faults = new Uri(simulator.BaseAddress, "/admin/faults");
        // Cold: every answer waits 400 ms before its headers, until the first five requests have finished.
        (await http.PostAsync(faults, new StringContent("""{"kind":"slow_headers","for":"400ms"}""", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        using var results = new ResultsDirectory();

        using var cli = CliProcess.Start(
            ["run", "--url", simulator.BaseAddress + "v1", "--model", "sim", "--rate", "10", "--arrival", "constant", "--requests", "60",
             "--warmup", warmup, "--output-tokens", "5", "--out", results.Path]);
        using (var warming = new CancellationTokenSource(Limit))
        {
            while (!File.Exists(results.RequestsFile) || File.ReadLines(results.RequestsFile).Count() < 5)
            {
                await Task.Delay(50, warming.Token);
            }
        }

        (await http.DeleteAsync(faults)).EnsureSuccessStatusCode();
        var exit = await cli.WaitForExitAsync(Limit);

        Assert.True(exit == 0, cli.StandardError + cli.StandardOutput);
        var warnings = results.Summary().GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        var warning = Assert.Single(warnings, w => w.StartsWith("cold start", StringComparison.Ordinal));
        Assert.StartsWith(expected, warning, StringComparison.Ordinal);
        // The first requests waited the 400 ms on top of ~30 ms; the steady state did not.
        var figures = Regex.Match(warning, @"median of (\d+) ms .* steady state's median of (\d+) ms");
        Assert.InRange(int.Parse(figures.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 400, 2000);
        Assert.InRange(int.Parse(figures.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), 20, 200);
        // The console wraps long lines to its width.
        Assert.Contains("warning: " + warning, Regex.Replace(cli.StandardOutput, @"\s+", " "), StringComparison.Ordinal);
    }
}
