using LlmLoad.Simulator.Faults;
using LlmLoad.Simulator.RateLimiting;
using LlmLoad.Simulator.Tests.TestSupport;

namespace LlmLoad.Simulator.Tests.Serving;

/// <summary>A primary and a fallback in one process, as a failover test runs them: each keeps its own behaviour and state.</summary>
public sealed class SideBySideTests
{
    [Fact]
    public async Task TwoServers_OneInOutage_OneRateLimited_EachAnswersByItsOwnProfile()
    {
        await using var primary = await SimulatorServer.StartAsync(SimulatorClient.Instant with { Faults = [new FaultRule(FaultKind.Status503)] });
        await using var fallback = await SimulatorServer.StartAsync(SimulatorClient.Instant with { RateLimits = new RateLimits { RequestsPerMinute = 2 } });
        using var toPrimary = new SimulatorClient(primary);
        using var toFallback = new SimulatorClient(fallback);
        Assert.NotEqual(primary.BaseAddress.Port, fallback.BaseAddress.Port);

        var body = SimulatorClient.ChatBody(new { model = "m", max_tokens = 2, messages = new[] { new { role = "user", content = "hi" } } });
        var statuses = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            using var a = await toPrimary.PostAsync(body);
            return (int)a.StatusCode;
        }));
        var fallbackStatuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            using var b = await toFallback.PostAsync(body);
            fallbackStatuses.Add((int)b.StatusCode);
        }

        Assert.Equal([503, 503, 503], statuses);
        Assert.Equal([200, 200, 429], fallbackStatuses);
        using var primaryMetrics = await toPrimary.GetAsync("metrics");
        using var fallbackMetrics = await toFallback.GetAsync("metrics");
        Assert.Contains("finished_reason=\"length\"} 0", await primaryMetrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("finished_reason=\"length\"} 2", await fallbackMetrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
