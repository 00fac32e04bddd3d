using LlmLoad.Comparison;

namespace LlmLoad.Tests.Comparison;

/// <summary>A candidate against the base, from runs built in memory: the settings that differ and each metric's test.</summary>
public sealed class RunComparerTests
{
    private static readonly RunComparer Comparer = new(new ComparisonSettings());

    [Fact]
    public void Compare_RunOnTheSimulatorAgainstOneWithAUrl_ListsTheUrlByField()
    {
        var simulator = Run("a", [("run.target.model", "llmload-sim"), ("run.seed", "1")]);
        var remote = Run("b", [("run.target.model", "gpt-4o"), ("run.target.url", "https://api.example/v1"), ("run.seed", "1")]);

        var differences = Comparer.Compare(simulator, remote).Differences;

        Assert.Equal(
            [new SettingDifference("run.target.model", "llmload-sim", "gpt-4o"), new SettingDifference("run.target.url", "none", "https://api.example/v1")],
            differences);
    }

    [Fact]
    public void Compare_LatencyShiftedBy30Ms_WorseAndSignificant_SameSampleIsNot()
    {
        var baseRun = Run("a", [], Latencies(0));
        var slower = Run("b", [], Latencies(30));

        var worse = Comparer.Compare(baseRun, slower)["ttft.p50"];
        var same = Comparer.Compare(baseRun, Run("c", [], Latencies(0)))["ttft.p50"];

        Assert.Equal("worse", worse.Verdict);
        Assert.Equal(30, worse.Delta!.Value, 6);
        Assert.True(worse.Interval!.Value.Low > 0);
        Assert.Equal("same", same.Verdict);
        Assert.Equal(0, same.Delta);
    }

    [Fact]
    public void Compare_ErrorRate1In1000Versus3In1000_NotSignificant_30In1000Is()
    {
        var baseRun = Run("a", [], failed: 1);

        Assert.Equal("same", Comparer.Compare(baseRun, Run("b", [], failed: 3))["error_rate"].Verdict);
        Assert.Equal("worse", Comparer.Compare(baseRun, Run("c", [], failed: 30))["error_rate"].Verdict);
    }

    [Fact]
    public void Compare_ThroughputHasNoTest()
    {
        var comparison = Comparer.Compare(Run("a", []), Run("b", []) with { Figures = Figures(0) with { RequestsPerSecond = 80 } })["requests_per_s"];

        Assert.Null(comparison.Significant);
        Assert.Equal(-0.2, comparison.Relative!.Value, 9);
    }

    private static double[] Latencies(double shift) => Enumerable.Range(0, 400).Select(i => 200 + (i % 50) + shift).Order().ToArray();

    private static RunFigures Figures(long failed) => new() { Measured = 1000, Failed = failed, GoodputMet = 1000 - failed, RequestsPerSecond = 100 };

    private static ComparedRun Run(string name, (string, string)[] settings, double[]? latencies = null, long failed = 0)
        => new(name, settings, Figures(failed),
            new Dictionary<string, double[]> { ["ttft"] = latencies ?? Latencies(0), ["tpot"] = Latencies(0), ["e2e"] = Latencies(0) },
            []);
}
