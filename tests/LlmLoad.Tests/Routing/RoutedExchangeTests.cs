using LlmLoad.Engine;
using LlmLoad.Providers;
using LlmLoad.Routing;
using LlmLoad.Workload;

namespace LlmLoad.Tests.Routing;

public sealed class RoutedExchangeTests
{
    private static readonly PreparedRequest Request = new(new PromptPlan("hi", 10, 10), [1]);

    [Fact]
    public async Task SendAsync_EightyTwentyWeights_SplitTheTrafficSoAndTheSameSeedRoutesTheSame()
    {
        var (exchange, primary, fallback) = Build(seed: 9);
        var targets = new List<string?>();
        for (var seq = 0; seq < 2000; seq++)
        {
            targets.Add((await exchange.SendAsync(Request, seq, CancellationToken.None)).History!.Target);
        }

        // 400 ± 18 expected on the fallback; four standard deviations either side.
        Assert.InRange(fallback.Sent, 400 - 72, 400 + 72);
        Assert.Equal(2000, primary.Sent + fallback.Sent);
        var (again, _, _) = Build(seed: 9);
        for (var seq = 0; seq < 50; seq++)
        {
            Assert.Equal(targets[seq], (await again.SendAsync(Request, seq, CancellationToken.None)).History!.Target);
        }
    }

    [Fact]
    public async Task SendAsync_ClientSideOutageOfThePrimary_FailsWithoutSendingAndMovesToTheFallback()
    {
        var outage = new OutageSpec("primary", TimeSpan.Zero, TimeSpan.FromHours(1), OutageKind.Status503);
        var (exchange, primary, fallback) = Build(seed: 1, outage);

        var captures = new List<ResponseCapture>();
        for (var seq = 0; seq < 20; seq++)
        {
            captures.Add(await exchange.SendAsync(Request, seq, CancellationToken.None));
        }

        Assert.Equal(0, primary.Sent);
        Assert.Equal(20, fallback.Sent);
        Assert.All(captures, c => Assert.True(c.Succeeded));
        var moved = captures.Where(c => c.History!.FailoverFrom == "primary").ToList();
        Assert.NotEmpty(moved);
        Assert.All(moved, c => Assert.Equal("fallback", c.History!.Target));
        // Until the breaker opened the injected 503 was an attempt of its own; after, the request went straight over.
        Assert.Contains(moved, c => c.History!.Attempts.Select(a => a.Status).SequenceEqual([503, 200]));
    }

    private static (RoutedExchange Exchange, CountingExchange Primary, CountingExchange Fallback) Build(int seed, OutageSpec? outage = null)
    {
        var routing = new RoutingSettings([new TargetSpec("primary", null, TargetRole.Primary, 80), new TargetSpec("fallback", null, TargetRole.Fallback, 20)])
        {
            Breaker = new TargetBreakerSettings(0.5, TimeSpan.FromSeconds(30), 5, TimeSpan.FromSeconds(30)),
            Outages = outage is null ? [] : [outage],
        };
        var primary = new CountingExchange();
        var fallback = new CountingExchange();
        var targets = new[]
        {
            new RouteTarget(routing.Targets[0], primary, (r, _) => r, routing, TimeProvider.System) { ClientSideOutages = routing.Outages },
            new RouteTarget(routing.Targets[1], fallback, (r, _) => r, routing, TimeProvider.System),
        };
        var exchange = new RoutedExchange(targets, routing, null, TimeProvider.System, TimeSpan.FromSeconds(1), seed) { RunStartedAt = TimeProvider.System.GetTimestamp() };
        return (exchange, primary, fallback);
    }

    private sealed class CountingExchange : IRequestExchange
    {
        public int Sent { get; private set; }

        public Task<ResponseCapture> SendAsync(PreparedRequest request, long session, CancellationToken abort)
        {
            Sent++;
            var now = TimeProvider.System.GetTimestamp();
            return Task.FromResult(new ResponseCapture { Status = 200, SentAt = now, EndAt = now });
        }
    }
}
