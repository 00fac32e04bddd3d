using LlmLoad.Simulator;
using LlmLoad.Simulator.Faults;
using LlmLoad.Tests.Support;
using LlmLoad.Workload;

namespace LlmLoad.Tests.Faults;

/// <summary>
/// The real <c>llmload run</c> against a simulator that injects one fault into every request: each request and the
/// summary carry the contract's error class for it, so a user reading the results sees what went wrong.
/// </summary>
public sealed class FaultClassificationTests
{
    private const int Requests = 3;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("openai", "429", 429, "rate_limited")]
    [InlineData("openai", "503", 503, "overloaded")]
    [InlineData("openai", "529", 529, "overloaded")]
    [InlineData("openai", "500", 500, "server_error")]
    [InlineData("anthropic", "429", 429, "rate_limited")]
    [InlineData("anthropic", "503", 503, "overloaded")]
    [InlineData("anthropic", "529", 529, "overloaded")]
    [InlineData("anthropic", "500", 500, "server_error")]
    public async Task Run_StatusFault_EveryRequestHasItsClass(string provider, string fault, int status, string errorClass)
        => await AssertEveryRequestFailsAsync(provider, fault, status, errorClass);

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    public async Task Run_ResetBeforeHeaders_IsAConnectionErrorWithNoStatus(string provider)
        => await AssertEveryRequestFailsAsync(provider, "reset", 0, "connection");

    // Tokens 50 ms apart: the stream's headers and first events reach the client well before the cut, as in a real
    // dropped stream (with no delays the simulator's cut also loses the headers; see the simulator fault tests).
    [Theory]
    [InlineData("openai", "cut,after=2", "stream_error")]
    [InlineData("anthropic", "cut,after=2", "stream_error")]
    [InlineData("openai", "malformed,after=2", "stream_error")]
    [InlineData("anthropic", "malformed,after=2", "stream_error")]
    [InlineData("openai", "error_event,after=2", "stream_error")]
    [InlineData("anthropic", "error_event,after=2", "stream_error")]
    public async Task Run_MidStreamFault_FailsTheOkResponseWithItsClass(string provider, string fault, string errorClass)
        => await AssertEveryRequestFailsAsync(provider, fault, 200, errorClass, itlMs: 50);

    private static async Task AssertEveryRequestFailsAsync(string provider, string fault, int status, string errorClass, double itlMs = 0)
    {
        using var results = new ResultsDirectory();
        await using (var simulator = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            TimeToFirstTokenMs = new NormalSpec(0, 0),
            InterTokenLatencyMs = new NormalSpec(itlMs, 0),
            Faults = [FaultRuleText.Parse(fault)],
        }))
        {
            var (exit, stdout, stderr) = await CliProcess.RunAsync(
                ["run", "--url", simulator.BaseAddress + "v1", "--provider", provider, "--model", "sim", "--requests", $"{Requests}", "--concurrency", "1",
                    "--input-tokens", "16", "--output-tokens", "6", "--timeout", "10s", "--out", results.Path],
                Limit,
                // Anthropic's API, and so the simulator, refuses a request with no key before any fault could apply.
                new Dictionary<string, string> { ["ANTHROPIC_API_KEY"] = "sk-ant-test", ["OPENAI_API_KEY"] = "sk-test" });
            Assert.True(exit == 0, $"exit {exit}\n{stderr}{stdout}");
        }

        var requests = results.Requests();
        Assert.Equal(Requests, requests.Count);
        Assert.All(requests, r =>
        {
            Assert.Equal(errorClass, r.GetProperty("error_class").GetString());
            Assert.Equal(status, r.GetProperty("status").GetInt32());
        });
        var summary = results.Summary();
        Assert.Equal(Requests, summary.GetProperty("requests").GetProperty("failed").GetInt32());
        Assert.Equal(0, summary.GetProperty("requests").GetProperty("succeeded").GetInt32());
        Assert.Equal(Requests, summary.GetProperty("errors").GetProperty(errorClass).GetInt32());
    }
}
