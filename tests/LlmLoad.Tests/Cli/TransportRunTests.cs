using LlmLoad.Simulator;
using LlmLoad.Tests.Support;
using LlmLoad.Workload;

namespace LlmLoad.Tests.Cli;

/// <summary>
/// --insecure and --http2 through the real CLI against the real simulator, over TLS with a self-signed
/// certificate and over cleartext h2c: what connects, what is refused and why, and which HTTP version each
/// request travelled in.
/// </summary>
public sealed class TransportRunTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Run_SelfSignedTls_IsRefusedNamingInsecure_AndAcceptedWithIt()
    {
        using var certificate = SelfSignedCertificate.ForLoopback();
        await using var simulator = await SimulatorServer.StartAsync(Fast with { TlsCertificate = certificate });
        Assert.Equal("https", simulator.BaseAddress.Scheme);
        using var refused = new ResultsDirectory();
        using var accepted = new ResultsDirectory();

        var (refusedExit, _, _) = await RunAsync(simulator, refused);
        var (acceptedExit, stdout, stderr) = await RunAsync(simulator, accepted, "--insecure");

        Assert.Equal(0, refusedExit);
        Assert.All(refused.Requests(), r =>
        {
            Assert.Equal("connection", r.GetProperty("error_class").GetString());
            Assert.Contains("--insecure", r.GetProperty("error_message").GetString(), StringComparison.Ordinal);
        });
        Assert.True(acceptedExit == 0, stderr + stdout);
        Assert.All(accepted.Requests(), r =>
        {
            Assert.Equal(200, r.GetProperty("status").GetInt32());
            Assert.Equal("1.1", r.GetProperty("http_version").GetString());
        });
    }

    [Fact]
    public async Task Run_Http2OverTls_IsNegotiated()
    {
        using var certificate = SelfSignedCertificate.ForLoopback();
        await using var simulator = await SimulatorServer.StartAsync(Fast with { TlsCertificate = certificate });
        using var results = new ResultsDirectory();

        var (exit, stdout, stderr) = await RunAsync(simulator, results, "--insecure", "--http2");

        Assert.True(exit == 0, stderr + stdout);
        Assert.All(results.Requests(), r =>
        {
            Assert.Equal(200, r.GetProperty("status").GetInt32());
            Assert.Equal("2", r.GetProperty("http_version").GetString());
            Assert.Equal(4, r.GetProperty("output_tokens").GetInt32());
        });
    }

    [Fact]
    public async Task Run_Http2OverCleartext_UsesPriorKnowledge_AndAnHttp11ServerIsExplained()
    {
        await using var h2c = await SimulatorServer.StartAsync(Fast with { Http2Only = true });
        await using var http11 = await SimulatorServer.StartAsync(Fast);
        using var granted = new ResultsDirectory();
        using var refused = new ResultsDirectory();

        var (exit, stdout, stderr) = await RunAsync(h2c, granted, "--http2");
        await RunAsync(http11, refused, "--http2");

        Assert.True(exit == 0, stderr + stdout);
        Assert.All(granted.Requests(), r => Assert.Equal("2", r.GetProperty("http_version").GetString()));
        Assert.All(refused.Requests(), r =>
        {
            Assert.Equal("connection", r.GetProperty("error_class").GetString());
            Assert.Contains("prior knowledge", r.GetProperty("error_message").GetString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Run_EmbeddedSimulatorWithHttp2_ServesHttp2()
    {
        using var results = new ResultsDirectory();

        var (exit, stdout, stderr) = await CliProcess.RunAsync(["run", "--http2", "--requests", "3", "--concurrency", "3", "--output-tokens", "4", "--out", results.Path], Limit);

        Assert.True(exit == 0, stderr + stdout);
        Assert.Equal(3, results.Requests().Count);
        Assert.All(results.Requests(), r => Assert.Equal("2", r.GetProperty("http_version").GetString()));
    }

    private static SimulatorOptions Fast => new() { TimeToFirstTokenMs = new NormalSpec(1, 0), InterTokenLatencyMs = new NormalSpec(1, 0) };

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(SimulatorServer simulator, ResultsDirectory results, params string[] args)
        => CliProcess.RunAsync(["run", "--url", simulator.BaseAddress + "v1", "--model", "sim", "--requests", "3", "--concurrency", "3", "--output-tokens", "4", "--out", results.Path, .. args], Limit);
}
