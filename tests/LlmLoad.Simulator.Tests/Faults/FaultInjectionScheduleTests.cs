using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using LlmLoad.Simulator.Faults;
using LlmLoad.Simulator.Tests.ChatCompletions;
using LlmLoad.Workload;

namespace LlmLoad.Simulator.Tests.Faults;

/// <summary>Which requests a fault hits: its probability under a seed, its time window, and run-time changes on /admin/faults.</summary>
[Collection(TimingCollection.Name)]
public sealed class FaultInjectionScheduleTests
{
    private const string AdminRoute = "admin/faults";

    [Fact]
    public async Task Probability_ShareOfFailuresMatchesAndTheSameSeedFailsTheSameRequests()
    {
        const int Requests = 200;

        var first = await FailingRequestsAsync(seed: 7, Requests);
        var again = await FailingRequestsAsync(seed: 7, Requests);
        var otherSeed = await FailingRequestsAsync(seed: 8, Requests);

        // 60 expected; ±20 is three standard deviations of a binomial(200, 0.3).
        Assert.InRange(first.Count, 40, 80);
        Assert.InRange(otherSeed.Count, 40, 80);
        Assert.Equal(first, again);
        Assert.NotEqual(first, otherSeed);
    }

    [Fact]
    public async Task TimeWindow_RequestsFailExactlyWhileTheServerUptimeIsInsideIt()
    {
        await using var server = await StartAsync(seed: 0);
        using var admin = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        using var api = new FaultInjectionApi(server, FaultInjectionApi.OpenAi);
        await SendEveryAsync(api, TimeSpan.Zero, count: 3, stop: null);

        await AssertOneAttemptCoversAsync(async () =>
        {
            // Server uptime = local clock + offset. The window opens 0.4 s from now and lasts 0.8 s.
            var uptime = await UptimeAsync(admin);
            var from = Math.Ceiling((uptime.Seconds + 0.4) * 10) / 10;
            var until = from + 0.8;
            using (var put = await admin.PutAsync(AdminRoute, Json($$"""{"faults":[{"kind":"503","from":"{{Ms(from)}}","until":"{{Ms(until)}}"}]}""")))
            {
                Assert.Equal(200, (int)put.StatusCode);
            }

            var results = await SendEveryAsync(api, TimeSpan.FromMilliseconds(50), count: (int)((until + 0.3 - uptime.Seconds) / 0.05), stop: null);

            // A request arrives, and the server decides, between its send and its answer; the clock offset is known
            // to within half the GET's round trip. A request that close to an edge may go either way.
            var slack = uptime.Uncertainty + 0.002;
            var before = results.Where(r => r.End + uptime.Offset < from - slack).ToList();
            var inside = results.Where(r => r.Sent + uptime.Offset >= from + slack && r.End + uptime.Offset < until - slack).ToList();
            var after = results.Where(r => r.Sent + uptime.Offset >= until + slack).ToList();
            Assert.All(before, r => Assert.Equal(200, r.Status));
            Assert.All(inside, r => Assert.Equal(503, r.Status));
            Assert.All(after, r => Assert.Equal(200, r.Status));
            return before.Count >= 3 && inside.Count >= 8 && after.Count >= 3 ? null : $"before {before.Count}, inside {inside.Count}, after {after.Count}";
        });
    }

    [Fact]
    public async Task AdminOutage_PostedThenDeletedWhileRequestsFlow_FailsOnlyTheRequestsBetweenTheCalls()
    {
        await using var server = await StartAsync(seed: 0);
        using var admin = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        using var api = new FaultInjectionApi(server, FaultInjectionApi.OpenAi);
        await SendEveryAsync(api, TimeSpan.Zero, count: 3, stop: null);
        await UptimeAsync(admin);

        await AssertOneAttemptCoversAsync(async () =>
        {
            using var stop = new CancellationTokenSource();
            var flowing = SendEveryAsync(api, TimeSpan.FromMilliseconds(25), count: 80, stop.Token);
            await Task.Delay(300);
            var postStart = Now();
            using (var post = await admin.PostAsync(AdminRoute, Json("""{"kind":"503"}""")))
            {
                Assert.Equal(200, (int)post.StatusCode);
            }

            var postEnd = Now();
            await Task.Delay(400);
            var deleteStart = Now();
            using (var delete = await admin.DeleteAsync(AdminRoute))
            {
                Assert.Equal(200, (int)delete.StatusCode);
            }

            var deleteEnd = Now();
            await Task.Delay(300);
            await stop.CancelAsync();
            var results = await flowing;

            // Only a request in flight during one of the two calls may go either way.
            var before = results.Where(r => r.End < postStart).ToList();
            var during = results.Where(r => r.Sent > postEnd && r.End < deleteStart).ToList();
            var after = results.Where(r => r.Sent > deleteEnd).ToList();
            Assert.All(before, r => Assert.Equal(200, r.Status));
            Assert.All(during, r => Assert.Equal(503, r.Status));
            Assert.All(after, r => Assert.Equal(200, r.Status));
            return before.Count >= 3 && during.Count >= 5 && after.Count >= 3 ? null : $"before {before.Count}, during {during.Count}, after {after.Count}";
        });
    }

    /// <summary>
    /// Runs a measurement up to three times. A wrong status fails at once; too few requests clear of the edges
    /// (a busy machine paused the sender) only means that attempt proved too little, so another one is made.
    /// </summary>
    /// <param name="attempt">Asserts every request it can judge; returns null, or why it could judge too few.</param>
    private static async Task AssertOneAttemptCoversAsync(Func<Task<string?>> attempt)
    {
        var shortfalls = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            if (await attempt() is not { } shortfall)
            {
                return;
            }

            shortfalls.Add(shortfall);
        }

        Assert.Fail("Too few requests clear of the edges: " + string.Join("; ", shortfalls));
    }

    private static async Task<List<int>> FailingRequestsAsync(int seed, int requests)
    {
        await using var server = await StartAsync(seed, FaultRuleText.Parse("503,p=0.3"));
        using var api = new FaultInjectionApi(server, FaultInjectionApi.OpenAi);
        var failing = new List<int>();
        for (var i = 0; i < requests; i++)
        {
            using var response = await api.PostAsync(maxTokens: 1, stream: false);
            await response.Content.ReadAsByteArrayAsync();
            Assert.True((int)response.StatusCode is 200 or 503, $"request {i}: {(int)response.StatusCode}");
            if ((int)response.StatusCode == 503)
            {
                failing.Add(i);
            }
        }

        return failing;
    }

    /// <summary>Sends one quick request per <paramref name="interval"/> on an absolute schedule, one at a time.</summary>
    /// <returns>Each request's status and its send and answer times (<see cref="Now"/>).</returns>
    private static async Task<List<Outcome>> SendEveryAsync(FaultInjectionApi api, TimeSpan interval, int count, CancellationToken? stop)
    {
        var start = Stopwatch.GetTimestamp();
        var results = new List<Outcome>(count);
        for (var i = 0; i < count && stop?.IsCancellationRequested != true; i++)
        {
            var wait = (interval * i) - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var sent = Now();
            using var response = await api.PostAsync(maxTokens: 1, stream: false);
            await response.Content.ReadAsByteArrayAsync();
            results.Add(new Outcome((int)response.StatusCode, sent, Now()));
        }

        return results;
    }

    /// <summary>The server's uptime now, its offset from <see cref="Now"/>, and the offset's uncertainty (half the round trip).</summary>
    private static async Task<(double Seconds, double Offset, double Uncertainty)> UptimeAsync(HttpClient admin)
    {
        var sent = Now();
        var body = JsonDocument.Parse(await admin.GetStringAsync(AdminRoute)).RootElement;
        var received = Now();
        var uptime = body.GetProperty("uptime_s").GetDouble();
        return (uptime, uptime - ((sent + received) / 2), ((received - sent) / 2) + 0.001);
    }

    private static Task<SimulatorServer> StartAsync(int seed, params FaultRule[] faults) => SimulatorServer.StartAsync(new SimulatorOptions
    {
        TimeToFirstTokenMs = new NormalSpec(0, 0),
        InterTokenLatencyMs = new NormalSpec(0, 0),
        Seed = seed,
        Faults = faults,
    });

    /// <summary>The local monotonic clock in seconds.</summary>
    private static double Now() => Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;

    private static string Ms(double seconds) => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(seconds * 1000)}ms");

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private sealed record Outcome(int Status, double Sent, double End);
}
