using LlmLoad.Simulator;
using LlmLoad.Simulator.RateLimiting;
using LlmLoad.Tests.Support;

namespace LlmLoad.Tests.Routing;

/// <summary>With --retry 429, a run past the server's rate limit waits what the server asks and ends with every request served.</summary>
public sealed class RetryRunTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Run_PastTheRequestLimitWithRetry_WaitsWhatTheServerAsksAndServesEveryRequest()
    {
        using var results = new ResultsDirectory();
        // 60 a minute, bucket full at start: of 64 sent at once, 60 pass; one slot comes back each second.
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            TimeToFirstTokenMs = new(0, 0),
            InterTokenLatencyMs = new(0, 0),
            RateLimits = new RateLimits { RequestsPerMinute = 60 },
        });

        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["run", "--url", simulator.BaseAddress + "v1", "--model", "sim", "--requests", "64", "--concurrency", "64", "--input-tokens", "20", "--output-tokens", "2",
             "--retry", "429", "--retry-max-attempts", "10", "--seed", "3", "--out", results.Path],
            Limit);

        Assert.True(exit == 0, stderr + stdout);
        var requests = results.Requests();
        Assert.Equal(64, requests.Count);
        Assert.All(requests, r => Assert.Equal(200, r.GetProperty("status").GetInt32()));
        var retried = requests.Where(r => r.GetProperty("attempts").GetInt32() > 1).ToList();
        // Four more than the bucket holds (fewer on a machine so loaded that the sends spread over a refill).
        Assert.InRange(retried.Count, 1, 4);
        foreach (var r in retried)
        {
            var statuses = r.GetProperty("attempt_statuses").EnumerateArray().Select(s => s.GetInt32()).ToList();
            Assert.Equal(r.GetProperty("attempts").GetInt32(), statuses.Count);
            Assert.All(statuses[..^1], s => Assert.Equal(429, s));
            Assert.Equal(200, statuses[^1]);
            // Each refusal asked for the next free slot (retry-after-ms), and that is what was waited, not the backoff.
            var wait = r.GetProperty("retry_wait_ms").GetDouble();
            var asked = r.GetProperty("attempt_retry_after_ms").EnumerateArray().SkipLast(1).Sum(a => a.GetDouble());
            Assert.True(asked > 0);
            Assert.Equal(asked, wait, 1);
            // The last attempt went out no earlier than the waits allowed, and E2E is what the user waited, from the first send.
            var sent = r.GetProperty("sent_ms").GetDouble();
            var lastSent = r.GetProperty("last_sent_ms").GetDouble();
            Assert.True(lastSent - sent >= wait, $"last attempt sent {lastSent - sent} ms after the first, having waited {wait} ms");
            Assert.Equal(lastSent - sent + r.GetProperty("last_attempt_e2e_ms").GetDouble(), r.GetProperty("e2e_ms").GetDouble(), 0.01);
        }
    }

    [Fact]
    public async Task Run_RetryMaxAttemptsWithoutRetry_ExitsTwoNamingTheFlag()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(["run", "--requests", "1", "--retry-max-attempts", "4"], Limit);

        Assert.Equal(2, exit);
        Assert.Contains("--retry-max-attempts: max attempts apply only with --retry", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownRetryMode_ExitsTwoWithTheChoices()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(["run", "--requests", "1", "--retry", "5xx-only"], Limit);

        Assert.Equal(2, exit);
        Assert.Contains("--retry: expected off, 429, 429,5xx or all-transient, got '5xx-only'", stderr, StringComparison.Ordinal);
    }
}
