using LlmLoad.Analysis.Server;
using LlmLoad.Analysis.Stability;
using LlmLoad.Traffic;

namespace LlmLoad.Tests.Analysis.Stability;

public sealed class SustainedDriftTests
{
    [Fact]
    public void Run_TtftCreepsUpOverTenMinutes_WarnsWithBothTenthsP95AndP()
    {
        // One request a second for 600 s; TTFT 200 ± 20 ms for the first half, then climbing to ~400 ms. ITL stays put.
        var random = new Random(7);
        var samples = Samples(600, t => 200 + (t > 300 ? (t - 300) * 200 / 300 : 0) + Noise(random, 20), _ => 20 + Noise(random, 2));

        var warning = Assert.Single(StabilityWarnings.For(samples, [], constantRun: true, server: null));

        Assert.StartsWith("sustained-peak drift over the run's 599 s of constant load: TTFT p95 rose from ", warning, StringComparison.Ordinal);
        Assert.Matches(@"TTFT p95 rose from 2\d\d(\.\d)? ms \(first tenth, 60 requests\) to 3\d\d(\.\d)? ms \(last tenth, 60\), p<0\.0001", warning);
        Assert.DoesNotContain("ITL p95", warning, StringComparison.Ordinal);
        Assert.Contains("no server metrics were scraped", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_HeavyTailedNoiseThroughout_IsNotCalledDrift()
    {
        // The same skewed distribution from start to end: its tenths' P95s differ by chance, the rank test says so.
        var random = new Random(11);
        var samples = Samples(600, _ => 150 * Math.Exp(0.6 * Gaussian(random)), _ => 20 * Math.Exp(0.3 * Gaussian(random)));

        Assert.Empty(StabilityWarnings.For(samples, [], constantRun: true, server: null));
    }

    [Fact]
    public void Run_ShorterThanTheMinimumHold_IsNotChecked_UnlessTheRuleAllowsIt()
    {
        var random = new Random(3);
        var samples = Samples(120, t => 200 + (t * 3) + Noise(random, 10), _ => 20);

        Assert.Empty(StabilityWarnings.For(samples, [], constantRun: true, server: null));
        Assert.Single(StabilityWarnings.For(samples, [], constantRun: true, server: null, new DriftRule { MinHoldSeconds = 60, MinRequestsPerTenth = 12 }));
        // A trace replay's load is not constant: no hold.
        Assert.Empty(StabilityWarnings.For(samples, [], constantRun: false, server: null, new DriftRule { MinHoldSeconds = 60, MinRequestsPerTenth = 12 }));
        // Fewer requests per tenth than the rule needs: nothing to tell.
        Assert.Empty(StabilityWarnings.For(samples, [], constantRun: true, server: null, new DriftRule { MinHoldSeconds = 60, MinRequestsPerTenth = 13 }));
    }

    [Fact]
    public void Stages_OnlyAHoldAtOneLevelIsChecked_AndTheWarningNamesIt()
    {
        var ramp = new Stage("ramp", StageKind.Ramp, StageRole.Measured, 0, 600, null, [new LoadSegment(600, 1, 10)]);
        var hold = new Stage("peak", StageKind.Hold, StageRole.Measured, 600, 600, null, [new LoadSegment(600, 10, 10)]);
        var random = new Random(5);
        // Both stages climb the same way; only the hold is a sustained peak.
        var samples = Samples(1200, t => 200 + ((t % 600) / 2) + Noise(random, 10), _ => 20)
            .Select(s => s with { Stage = s.SentMs < 600_000 ? ramp : hold })
            .ToList();

        var warning = Assert.Single(StabilityWarnings.For(samples, [ramp, hold], constantRun: false, server: null));
        Assert.StartsWith("sustained-peak drift in stage 'peak' (600 s at one level): TTFT p95 rose from ", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_GpuHeatsAndThrottles_TheWarningNamesTemperatureAndThrottling()
    {
        var random = new Random(9);
        var samples = Samples(600, t => 200 + (t / 3.0) + Noise(random, 10), t => 20 + (t / 60.0));
        var endpoint = new ServerEndpoint(new Uri("http://127.0.0.1:9400/metrics"));
        for (var t = 0; t <= 600; t += 5)
        {
            endpoint.Add(new ServerReading(t * 1000, new Dictionary<ServerQuantity, double>
            {
                [ServerQuantity.GpuTemperature] = 60 + (t / 30.0),
                [ServerQuantity.GpusThrottled] = t > 500 ? 2 : 0,
            }, null), [ServerFlavours.Dcgm]);
        }

        var warning = Assert.Single(StabilityWarnings.For(samples, [], constantRun: true, new ServerMetricsResult([endpoint], TimeSpan.FromSeconds(5))));

        Assert.Contains("TTFT p95 rose from", warning, StringComparison.Ordinal);
        Assert.Contains("ITL p95 rose from", warning, StringComparison.Ordinal);
        Assert.Contains("GPU temperature rose from 61 °C to 79 °C; 2 GPU(s) reported clock-throttle reasons in the last tenth (0 in the first)", warning, StringComparison.Ordinal);
        Assert.EndsWith("the GPUs heating or throttling is the likely cause (check cooling and power limits)", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_QueueGrowsWhileGpusStayCool_TheWarningPointsAtTheLoadNotAtHeat()
    {
        var random = new Random(13);
        var samples = Samples(600, t => 200 + (t / 2.0) + Noise(random, 10), _ => 20);
        var endpoint = new ServerEndpoint(new Uri("http://127.0.0.1:8000/metrics"));
        for (var t = 0; t <= 600; t += 5)
        {
            endpoint.Add(new ServerReading(t * 1000, new Dictionary<ServerQuantity, double>
            {
                [ServerQuantity.Waiting] = t / 20.0,
                [ServerQuantity.GpuTemperature] = 70,
                [ServerQuantity.GpusThrottled] = 0,
            }, null), [ServerFlavours.VllmV1, ServerFlavours.Dcgm]);
        }

        var warning = Assert.Single(StabilityWarnings.For(samples, [], constantRun: true, new ServerMetricsResult([endpoint], TimeSpan.FromSeconds(5))));

        Assert.EndsWith(
            "GPU temperature held at 70 °C; no GPU reported clock-throttle reasons; the server's queue held 1.4 waiting in the first tenth and 28.4 in the last: the queue grew, so the load is above what the server sustains",
            warning);
    }

    /// <summary>One successful request a second from t = 0 to <paramref name="seconds"/> − 1.</summary>
    internal static List<LatencySample> Samples(int seconds, Func<double, double> ttft, Func<double, double> itl)
        => [.. Enumerable.Range(0, seconds).Select(t => new LatencySample(t * 1000.0, ttft(t), itl(t), null, false))];

    private static double Noise(Random random, double amplitude) => (random.NextDouble() * 2 - 1) * amplitude;

    private static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
