using LlmLoad.Tests.Support;

namespace LlmLoad.Tests.Routing;

/// <summary>
/// A drill against two built-in simulators: the primary fails every request (503) for 2 s of a 5 s run at 40 req/s.
/// With failover the users see no error and traffic leaves the primary within the breaker's window; without it, the
/// primary's share of the window's requests fails.
/// </summary>
public sealed class FailoverDrillRunTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    private static readonly string[] Drill =
    [
        "run", "--target", "primary,weight=80", "--target", "backup,weight=20,role=fallback", "--rate", "40", "--duration", "5s",
        "--input-tokens", "20", "--output-tokens", "4", "--outage", "primary,at=1500ms,for=2s", "--target-breaker", "window=1s,min=5,break=1s", "--seed", "5",
    ];

    [Fact]
    public async Task Run_PrimaryOutageWithFailover_UsersSeeNoErrorAndTrafficMovesWithinTheBreakersWindow()
    {
        using var results = new ResultsDirectory();

        var (exit, stdout, stderr) = await CliProcess.RunAsync([.. Drill, "--out", results.Path], Limit);

        Assert.True(exit == 0, stderr + stdout);
        var summary = results.Summary();
        var requests = results.Requests();
        // Nothing lost: every request sent is a record.
        Assert.Equal(summary.GetProperty("requests").GetProperty("total").GetInt64(), requests.Count);
        Assert.All(requests, r => Assert.Equal(200, r.GetProperty("status").GetInt32()));
        var moved = requests.Where(r => r.GetProperty("failover_from").ValueKind != System.Text.Json.JsonValueKind.Null).ToList();
        Assert.NotEmpty(moved);
        Assert.All(moved, r => Assert.Equal("backup", r.GetProperty("target").GetString()));
        // Only requests sent once the outage began moved (100 ms of slack for a send stamped just before the server's rule took hold).
        Assert.All(moved, r => Assert.True(r.GetProperty("sent_ms").GetDouble() > 1400, $"moved at {r.GetProperty("sent_ms").GetDouble()} ms"));

        var drill = Assert.Single(summary.GetProperty("failover").EnumerateArray());
        Assert.Equal(1, drill.GetProperty("during").GetProperty("success_share").GetDouble());
        // The breaker opens once half of the last second's requests failed: about a second on this machine (measured
        // 1.1 s); the issue's target is the window + 1 s, and a loaded machine delays sends, hence the extra 0.5 s.
        Assert.InRange(drill.GetProperty("failover_time_s").GetDouble(), 0, 2.5);
        Assert.True(drill.GetProperty("fallback_during").GetProperty("requests").GetInt64() > drill.GetProperty("fallback_before").GetProperty("requests").GetInt64());
        var byTarget = summary.GetProperty("targets").GetProperty("by_target").EnumerateArray().ToList();
        Assert.Equal(["primary", "backup"], byTarget.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(0.8, byTarget[0].GetProperty("weight_share").GetDouble());
        Assert.Contains("outage drill", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PrimaryOutageWithoutFailover_ThePrimarysShareOfTheWindowFails()
    {
        using var results = new ResultsDirectory();

        var (exit, stdout, stderr) = await CliProcess.RunAsync([.. Drill, "--failover-on", "none", "--out", results.Path], Limit);

        Assert.True(exit == 0, stderr + stdout);
        var during = Assert.Single(results.Summary().GetProperty("failover").EnumerateArray()).GetProperty("during");
        var sent = during.GetProperty("requests").GetInt64();
        var errors = during.GetProperty("errors").GetInt64();
        // 80 % of about 80 requests: 64 ± 3.6 (binomial); five standard deviations either side.
        Assert.InRange(errors, (0.8 * sent) - (5 * Math.Sqrt(sent * 0.16)), (0.8 * sent) + (5 * Math.Sqrt(sent * 0.16)));
        Assert.All(results.Requests(), r => Assert.Equal(System.Text.Json.JsonValueKind.Null, r.GetProperty("failover_from").ValueKind));
    }

    [Fact]
    public async Task Run_OutageOfAnUnknownTarget_ExitsTwoNamingTheTargets()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(["run", "--target", "a", "--target", "b,role=fallback", "--outage", "c,at=1s,for=1s", "--requests", "1"], Limit);

        Assert.Equal(2, exit);
        Assert.Contains("--outage 'c,at=1s,for=1s': no target is named c; the targets are a, b", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_TargetWithABadUrl_ExitsTwoNamingTheTarget()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(["run", "--target", "a=ftp://x", "--requests", "1"], Limit);

        Assert.Equal(2, exit);
        Assert.Contains("--target 'a=ftp://x': url ftp://x: expected an absolute http:// or https:// URL", stderr, StringComparison.Ordinal);
    }
}
