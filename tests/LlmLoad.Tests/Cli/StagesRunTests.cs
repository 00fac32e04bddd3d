using System.Globalization;
using LlmLoad.Simulator.Tests.TestSupport;
using LlmLoad.Tests.Support;
using LlmLoad.Workload;

namespace LlmLoad.Tests.Cli;

/// <summary>Stages, users and trace replay through the real CLI against the built-in simulator.</summary>
[Collection(TimingSensitive.Name)]
public sealed class StagesRunTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);
    private static readonly string[] ClassicStages = ["warmup", "ramp", "peak", "burst", "cooldown"];

    [Fact]
    public async Task ClassicScenario_TimeCompressed_EveryStageOffersItsRateAndIsReportedApart()
    {
        using var results = new ResultsDirectory();

        // 42 minutes at 1/250: ramp 2.4 s, hold 7.2 s, burst 0.48 s, warm-up and cool-down 0.24 s each.
        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["run", Example("classic-capacity.yaml"), "--time-scale", "0.004", "--simulator", "instant", "--arrival", "constant",
             "--input-tokens", "16", "--output-tokens", "8", "--out", results.Path],
            Limit);

        Assert.True(exit == 0, stderr + stdout);
        var summary = results.Summary();
        Assert.Equal("completed", summary.GetProperty("run").GetProperty("stopped_by").GetString());
        var stages = summary.GetProperty("stages").EnumerateArray().ToList();
        Assert.Equal(ClassicStages, stages.Select(s => s.GetProperty("name").GetString()));
        Assert.Equal([false, true, true, true, false], stages.Select(s => s.GetProperty("measured").GetBoolean()));
        // Constant arrivals: the ramp 2 -> 20/s offers (2 + 20) / 2 x 2.4 s = 26.4, the peak 20/s x 7.2 s = 144, the burst 5 x 20/s x 0.48 s = 48.
        Assert.InRange(Offered(stages[1]), 26, 27);
        Assert.InRange(Offered(stages[2]), 143, 145);
        Assert.InRange(Offered(stages[3]), 47, 49);
        Assert.Equal(100, stages[3].GetProperty("level").GetProperty("peak").GetDouble());
        Assert.InRange(stages[3].GetProperty("offered_rate_per_s").GetDouble(), 95, 105);

        var requests = results.Requests();
        Assert.Equal(ClassicStages, requests.Select(r => r.GetProperty("stage").GetString()).Distinct());
        Assert.All(requests, r => Assert.Equal(r.GetProperty("stage").GetString() is "warmup" or "cooldown", r.GetProperty("warmup").GetBoolean()));
        var measured = summary.GetProperty("requests").GetProperty("measured").GetInt32();
        Assert.Equal(stages.Where(s => s.GetProperty("measured").GetBoolean()).Sum(Offered), measured);

        // Every time-series row names the stage running at its start.
        var rows = File.ReadAllLines(Path.Combine(results.Path, "timeseries.csv"));
        var stageColumn = Array.IndexOf(rows[0].Split(','), "stage");
        Assert.Equal("peak", rows.Skip(1).Select(r => r.Split(',')[stageColumn]).ElementAt(5));
        Assert.Contains("burst", stdout);
        Assert.Contains("cooldown (excluded)", stdout);
    }

    [Fact]
    public async Task UserStages_ClosedModelWithThinkTime_RampsUsersAndRecordsStages()
    {
        // Requests per user-second are a measurement: a pause of the busy machine costs a user a turn, so one
        // clean attempt of up to three shows the users think and ramp as told.
        await TimingAttempts.AssertOneSucceedsAsync(async () =>
        {
            using var results = new ResultsDirectory();

            var (exit, stdout, stderr) = await CliProcess.RunAsync(
                ["run", "--stage", "ramp 0 users to 4 users over 1s", "--stage", "hold 4 users for 2s think 200ms as plateau",
                 "--simulator", "instant", "--input-tokens", "16", "--output-tokens", "4", "--out", results.Path],
                Limit);

            Assert.True(exit == 0, stderr + stdout);
            var summary = results.Summary();
            Assert.Equal("closed", summary.GetProperty("run").GetProperty("load").GetProperty("mode").GetString());
            var plateau = summary.GetProperty("stages")[1];
            Assert.Equal("users", plateau.GetProperty("level").GetProperty("unit").GetString());
            // Four users, each an instant request then 200 ms of thought: 4 / 0.2 = 20 a second over 2 s, at most 4 more.
            var broken = new List<string>();
            TimingAttempts.Within(broken, "requests sent on the plateau", plateau.GetProperty("requests").GetProperty("sent").GetInt32(), 32, 44);
            var ramp = results.Requests().Where(r => r.GetProperty("stage").GetString() == "ramp").ToList();
            // The first user joins at 0.25 s (level 1 of 4 over 1 s), not at once.
            TimingAttempts.Within(broken, "first ramp request (ms)", ramp.Min(r => r.GetProperty("sent_ms").GetDouble()), 240, 600);
            return broken;
        });
    }

    [Fact]
    public async Task TraceReplay_SendsAtTheTraceTimesWithItsLengths()
    {
        using var results = new ResultsDirectory();
        var trace = Path.Combine(results.Path + "-trace.jsonl");
        double[] timestamps = [1000, 1100, 1100, 1400, 2000, 2600];
        await File.WriteAllLinesAsync(trace, timestamps.Select((t, i) => string.Create(CultureInfo.InvariantCulture, $$"""{"timestamp": {{t}}, "input_length": {{20 + i}}, "output_length": {{3 + i}}}""")));
        try
        {
            var (exit, stdout, stderr) = await CliProcess.RunAsync(["run", "--trace", trace, "--time-scale", "0.5", "--out", results.Path], Limit);

            Assert.True(exit == 0, stderr + stdout);
            var requests = results.Requests().OrderBy(r => r.GetProperty("seq").GetInt32()).ToList();
            Assert.Equal(timestamps.Select(t => (t - 1000) * 0.5), requests.Select(r => Math.Round(r.GetProperty("scheduled_ms").GetDouble())));
            Assert.Equal(Enumerable.Range(20, 6), requests.Select(r => r.GetProperty("input_tokens_tokenizer").GetInt32()));
            Assert.Equal(Enumerable.Range(3, 6), requests.Select(r => r.GetProperty("max_tokens").GetInt32()));
            Assert.Equal("completed", results.Summary().GetProperty("run").GetProperty("stopped_by").GetString());
        }
        finally
        {
            File.Delete(trace);
        }
    }

    [Theory]
    [InlineData(new[] { "--stage", "hold 5/s for 1m", "--rate", "3" }, "--rate: --stage sets the load over time")]
    [InlineData(new[] { "--stage", "hold 5/s for 1m", "--duration", "3m" }, "--duration: --stage says how long the run lasts")]
    [InlineData(new[] { "--stage", "hold 5 users for 1m", "--concurrency", "3" }, "--concurrency: stages in users set the concurrency")]
    [InlineData(new[] { "--stage", "hold 5/s for 1m", "--stage", "burst 5 for 1m" }, "--stage 'burst 5 for 1m': expected a multiple of the current level such as 5x, got '5'")]
    [InlineData(new[] { "--time-scale", "0.1" }, "--time-scale: a time scale applies to stages")]
    [InlineData(new[] { "--trace", "no-such-trace.jsonl" }, "no-such-trace.jsonl: trace file not found")]
    public async Task BadLoadOptions_ExitTwoNamingTheOption(string[] args, string expected)
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(["run", .. args], Limit);

        Assert.Equal(2, exit);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadStageInScenario_ErrorNamesFileAndLine()
    {
        using var results = new ResultsDirectory();
        Directory.CreateDirectory(results.Path);
        var scenario = Path.Combine(results.Path, "s.yaml");
        await File.WriteAllTextAsync(scenario, "stages:\n  - hold 5/s for 1m\n  - ramp 5/s to 9 users over 1m\n");

        var (exit, _, stderr) = await CliProcess.RunAsync(["run", scenario], Limit);

        Assert.Equal(2, exit);
        Assert.Contains("s.yaml:3: stages 'ramp 5/s to 9 users over 1m': a ramp goes from a rate to a rate or from users to users", stderr, StringComparison.Ordinal);
    }

    private static int Offered(System.Text.Json.JsonElement stage) => stage.GetProperty("requests").GetProperty("offered").GetInt32();

    private static string Example(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "examples", name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException(name);
    }
}
