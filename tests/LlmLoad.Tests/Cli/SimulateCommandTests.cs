using System.Net.Http.Json;
using System.Text.Json;
using LlmLoad.Tests.Support;

namespace LlmLoad.Tests.Cli;

public sealed class SimulateCommandTests
{
    [Fact]
    public async Task Simulate_FirstLineIsListeningAddress_ServesChatAndExitsZeroOnSigterm()
    {
        using var cli = CliProcess.Start(["simulate", "--port", "0", "--ttft-ms", "10", "--itl-ms", "1"]);

        var line = await cli.FirstLineAsync(TimeSpan.FromSeconds(30));
        Assert.Matches(@"^listening on http://127\.0\.0\.1:\d+$", line);

        using var http = new HttpClient();
        using var response = await http.PostAsJsonAsync(line["listening on ".Length..] + "/v1/chat/completions",
            new { model = "m", messages = new[] { new { role = "user", content = "Hello" } }, max_tokens = 3 });
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(3, body.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32());

        cli.Signal("TERM");
        Assert.Equal(0, await cli.WaitForExitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task Simulate_BadTiming_ExitsTwoWithTheOptionNamed()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(["simulate", "--ttft-ms", "fast"], TimeSpan.FromSeconds(30));

        Assert.Equal(2, exit);
        Assert.Contains("--ttft-ms:", stderr);
    }

    [Fact]
    public async Task Simulate_PresetWithOverrides_ServesRateLimitHeadersAndMetrics()
    {
        using var cli = CliProcess.Start(["simulate", "--port", "0", "--profile", "hosted-fast", "--ttft-ms", "0", "--itl-ms", "0", "--rpm", "7"]);
        var address = (await cli.FirstLineAsync(TimeSpan.FromSeconds(30)))["listening on ".Length..];

        using var http = new HttpClient();
        using var response = await http.PostAsJsonAsync(address + "/v1/chat/completions",
            new { model = "m", messages = new[] { new { role = "user", content = "Hello" } }, max_tokens = 3 });
        Assert.Equal("7", response.Headers.GetValues("x-ratelimit-limit-requests").Single());
        Assert.Equal("200000", response.Headers.GetValues("x-ratelimit-limit-tokens").Single());
        var metrics = await http.GetStringAsync(address + "/metrics");
        Assert.Contains("vllm:request_success_total{model_name=\"llmload-simulator\",finished_reason=\"length\"} 1", metrics, StringComparison.Ordinal);

        cli.Signal("TERM");
        Assert.Equal(0, await cli.WaitForExitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task Simulate_ShowProfile_PrintsThePresetWithItsSources()
    {
        var (exit, stdout, _) = await CliProcess.RunAsync(["simulate", "--show-profile", "gpu-server"], TimeSpan.FromSeconds(30));

        Assert.Equal(0, exit);
        Assert.StartsWith("# gpu-server:", stdout, StringComparison.Ordinal);
        Assert.Contains("max_batch: 256", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_BadProfileAndFault_ExitTwoNamingEach()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(["simulate", "--profile", "gpu-servr", "--fault", "504", "--queue-full-status", "418"], TimeSpan.FromSeconds(30));

        Assert.Equal(2, exit);
        Assert.Contains("--profile: 'gpu-servr' is neither a preset (gpu-server, hosted-fast, hosted-slow, instant) nor an existing file", stderr, StringComparison.Ordinal);
        Assert.Contains("--fault: fault '504': unknown kind '504'", stderr, StringComparison.Ordinal);
        Assert.Contains("--queue-full-status: expected one of 429, 503, 529, got '418'", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }
}
