using LlmLoad.Simulator.RateLimiting;
using LlmLoad.Simulator;
using LlmLoad.Tests.Support;

namespace LlmLoad.Tests.Cli;

/// <summary>A run that hits the API's rate limit says so: per request, in the summary, in a warning and on the console.</summary>
public sealed class RateLimitReportTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Run_PastTheRequestLimit_ReportsTheAnnouncedLimitsTheRefusalsAndTheWaits()
    {
        using var results = new ResultsDirectory();
        // 10 requests a minute, bucket full at start: of 16 sent at once, 10 pass and 6 are refused.
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            TimeToFirstTokenMs = new(0, 0),
            InterTokenLatencyMs = new(0, 0),
            RateLimits = new RateLimits { RequestsPerMinute = 10, TokensPerMinute = 1_000_000 },
        });

        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["run", "--url", simulator.BaseAddress + "v1", "--model", "sim", "--requests", "16", "--concurrency", "16", "--input-tokens", "50", "--output-tokens", "5", "--out", results.Path],
            Limit);

        Assert.True(exit == 0, stderr + stdout);
        var limits = results.Summary().GetProperty("rate_limits");
        Assert.Equal(16, limits.GetProperty("responses_with_headers").GetInt64());
        Assert.Equal(10, limits.GetProperty("limit_requests").GetInt64());
        Assert.Equal(1_000_000, limits.GetProperty("limit_tokens").GetInt64());
        Assert.Equal(0, limits.GetProperty("min_remaining_requests").GetInt64());
        Assert.Equal(6, limits.GetProperty("rate_limited").GetInt64());
        // One request comes back every 6 s, so the refused wait up to 6 s; the sixth in line would wait 36 s, but
        // the API only promises the next slot.
        Assert.Equal(6, limits.GetProperty("retry_after_s").GetProperty("count").GetInt64());
        Assert.InRange(limits.GetProperty("retry_after_s").GetProperty("max").GetDouble(), 5, 6.01);

        var refused = results.Requests().Where(r => r.GetProperty("status").GetInt32() == 429).ToList();
        Assert.Equal(6, refused.Count);
        Assert.All(refused, r => Assert.InRange(r.GetProperty("retry_after_s").GetDouble(), 5, 6.01));
        Assert.Contains(results.Summary().GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("6 of 16 measured requests were refused with 429 under the API's announced limits (10 requests/min and 1000000 tokens/min)", StringComparison.Ordinal));
        Assert.Contains("rate limits", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_EmbeddedSimulatorWithAProfile_TheProfilesLimitsApplyToTheRunAlone()
    {
        using var results = new ResultsDirectory();
        var profile = Path.Combine(results.Path, "tight.yaml");
        Directory.CreateDirectory(results.Path);
        File.WriteAllText(profile, "timing:\n  ttft_ms: 0\n  itl_ms: 0\nrate_limits:\n  requests_per_minute: 5\n");

        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["run", "--simulator", profile, "--requests", "8", "--concurrency", "1", "--output-tokens", "2", "--out", results.Path], Limit);

        Assert.True(exit == 0, stderr + stdout);
        // The warm-up requests went to a twin server: all five of the limit were left for the run.
        var limits = results.Summary().GetProperty("rate_limits");
        Assert.Equal(5, limits.GetProperty("limit_requests").GetInt64());
        Assert.Equal(3, limits.GetProperty("rate_limited").GetInt64());
        Assert.Equal([200, 200, 200, 200, 200, 429, 429, 429], results.Requests().OrderBy(r => r.GetProperty("seq").GetInt32()).Select(r => r.GetProperty("status").GetInt32()));
    }

    [Fact]
    public async Task Run_UnknownSimulatorProfile_ExitsTwoBeforeSending()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(["run", "--simulator", "gpu-servr", "--requests", "1"], Limit);

        Assert.Equal(2, exit);
        Assert.Contains("simulator: 'gpu-servr' is neither a preset (gpu-server, hosted-fast, hosted-slow, instant) nor an existing file", stderr, StringComparison.Ordinal);
    }
}
