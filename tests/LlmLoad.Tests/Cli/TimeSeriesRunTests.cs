using System.Globalization;
using LlmLoad.Simulator;
using LlmLoad.Simulator.Tests.TestSupport;
using LlmLoad.Tests.Support;
using LlmLoad.Workload;

namespace LlmLoad.Tests.Cli;

/// <summary>timeseries.csv as the real CLI writes it against the real simulator.</summary>
[Collection(TimingSensitive.Name)]
public sealed class TimeSeriesRunTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Run_ConstantRateForThreeSeconds_OneRowPerSecondAtTheOfferedRate()
    {
        // Completions per window are a measurement: a pause of the busy machine moves some into the next
        // window, so one clean attempt of up to three shows the rate is carried through.
        await TimingAttempts.AssertOneSucceedsAsync(async () =>
        {
            using var results = new ResultsDirectory();

            await RunAgainstSimulatorAsync(results, "--rate", "20", "--arrival", "constant", "--duration", "3s");

            var rows = Rows(results);
            // Arrivals fill three windows; the last completions may spill into later ones (more on a busy machine),
            // which offer nothing.
            Assert.InRange(rows.Count, 3, 8);
            Assert.All(rows.Skip(3), r => Assert.Equal(0, r["offered_rate_per_s"]));
            Assert.All(rows.Take(3), r => Assert.InRange(r["offered_rate_per_s"], 19, 21));
            var broken = new List<string>();
            foreach (var r in rows.Take(3))
            {
                TimingAttempts.Within(broken, $"achieved rate in the window ending at {r["t_end_s"]} s", r["achieved_rate_per_s"], 17, 23);
            }

            var summary = results.Summary();
            Assert.Equal(summary.GetProperty("requests").GetProperty("measured").GetInt32(), rows.Sum(r => r["completed"]));
            Assert.Equal(summary.GetProperty("requests").GetProperty("succeeded").GetInt32(), rows.Sum(r => r["ok"]));
            Assert.Equal(0, rows[^1]["in_flight"]);
            var timeseries = summary.GetProperty("timeseries");
            Assert.Equal("timeseries.csv", timeseries.GetProperty("file").GetString());
            Assert.Equal(1, timeseries.GetProperty("window_s").GetDouble());
            Assert.Equal(rows.Count, timeseries.GetProperty("windows").GetInt32());
            return broken;
        });
    }

    [Fact]
    public async Task Run_HalfSecondWindow_DoublesTheRows()
    {
        using var results = new ResultsDirectory();

        await RunAgainstSimulatorAsync(results, "--rate", "20", "--arrival", "constant", "--duration", "3s", "--window", "500ms");

        var rows = Rows(results);
        Assert.InRange(rows.Count, 6, 14);
        Assert.All(rows.Skip(6), r => Assert.Equal(0, r["offered_rate_per_s"]));
        Assert.Equal(0.5, rows[0]["t_end_s"]);
        Assert.All(rows.Take(6), r => Assert.InRange(r["offered_rate_per_s"], 18, 22));
        Assert.Equal(0.5, results.Summary().GetProperty("timeseries").GetProperty("window_s").GetDouble());
    }

    [Fact]
    public async Task Run_BadWindow_ExitsTwoNamingTheOption()
    {
        using var results = new ResultsDirectory();

        var (exit, _, stderr) = await CliProcess.RunAsync(["run", "--window", "10ms", "--out", results.Path], Limit);

        Assert.Equal(2, exit);
        Assert.Contains("--window: expected a time-series window of at least 100ms", stderr);
        Assert.Contains("got '10ms'", stderr);
        Assert.False(Directory.Exists(results.Path));
    }

    /// <summary>Each data row as column → number; an empty (no sample) cell is NaN.</summary>
    private static List<Dictionary<string, double>> Rows(ResultsDirectory results)
    {
        var lines = File.ReadAllLines(Path.Combine(results.Path, "timeseries.csv"));
        var header = lines[0].Split(',');
        return lines.Skip(1)
            .Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second.Length == 0 ? double.NaN : double.Parse(p.Second, CultureInfo.InvariantCulture)))
            .ToList();
    }

    private static async Task RunAgainstSimulatorAsync(ResultsDirectory results, params string[] args)
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { TimeToFirstTokenMs = new NormalSpec(50, 0), InterTokenLatencyMs = new NormalSpec(5, 0) });
        var (exit, stdout, stderr) = await CliProcess.RunAsync(["run", "--url", simulator.BaseAddress + "v1", "--model", "sim", "--output-tokens", "10", "--out", results.Path, .. args], Limit);
        Assert.True(exit == 0, stderr + stdout);
    }
}
