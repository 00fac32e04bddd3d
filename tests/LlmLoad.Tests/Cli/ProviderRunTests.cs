using System.Text.Json;
using LlmLoad.Tests.Support;

namespace LlmLoad.Tests.Cli;

/// <summary>
/// <c>llmload run --provider X</c> against the embedded simulator (no <c>--url</c>), streamed and buffered, for
/// every provider the simulator speaks: each request is answered in the provider's own wire format, and the
/// figures in requests.jsonl and summary.json are the ones the simulator was asked for.
/// </summary>
public sealed class ProviderRunTests
{
    private const int Requests = 6;
    private const int InputTokens = 40;

    // The Responses API's max_output_tokens floor is 16, so every provider is asked for that many.
    private const int OutputTokens = 16;

    /// <summary>The embedded simulator's default time to first token; a request can be later, never earlier (less a coarse timer step).</summary>
    private const double SimulatorTtftMs = 195;

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData("openai", true, "^chatcmpl-", "length")]
    [InlineData("openai", false, "^chatcmpl-", "length")]
    [InlineData("anthropic", true, "^msg_", "max_tokens")]
    [InlineData("anthropic", false, "^msg_", "max_tokens")]
    [InlineData("openai-responses", true, "^resp_", "length")]
    [InlineData("openai-responses", false, "^resp_", "length")]
    [InlineData("gemini", true, "^[A-Za-z0-9]{24}$", "length")]
    [InlineData("gemini", false, "^[A-Za-z0-9]{24}$", "length")]
    public async Task Run_ProviderAgainstTheEmbeddedSimulator_EveryRequestOkWithTheRequestedTokens(string provider, bool stream, string idPattern, string finishReason)
    {
        using var results = new ResultsDirectory();
        string[] args =
        [
            "run", "--provider", provider, "--requests", $"{Requests}", "--concurrency", "3",
            "--input-tokens", $"{InputTokens}", "--output-tokens", $"{OutputTokens}", "--out", results.Path,
            .. stream ? Array.Empty<string>() : ["--no-stream"],
        ];

        var (exit, stdout, stderr) = await CliProcess.RunAsync(args, Limit);

        Assert.True(exit == 0, stderr + stdout);
        var requests = results.Requests();
        Assert.Equal(Requests, requests.Count);
        Assert.All(requests, r =>
        {
            Assert.Equal(200, r.GetProperty("status").GetInt32());
            Assert.Equal(JsonValueKind.Null, r.GetProperty("error_class").ValueKind);
            Assert.Matches(idPattern, r.GetProperty("response_id").GetString());
            Assert.Equal(InputTokens, r.GetProperty("input_tokens").GetInt32());
            Assert.Equal(OutputTokens, r.GetProperty("output_tokens").GetInt32());
            Assert.Equal("usage", r.GetProperty("token_source").GetString());
            Assert.Equal(finishReason, r.GetProperty("finish_reason").GetString());
            Assert.True(r.GetProperty("ttft_ms").GetDouble() >= SimulatorTtftMs, $"TTFT {r.GetProperty("ttft_ms").GetDouble()} ms");
            if (stream)
            {
                // One chunk per token, the first of them no earlier than the simulator's TTFT.
                Assert.Equal(OutputTokens, r.GetProperty("chunks").GetInt32());
                Assert.True(r.GetProperty("tpot_ms").GetDouble() > 0);
            }
            else
            {
                Assert.Equal(1, r.GetProperty("chunks").GetInt32());
                Assert.Equal(JsonValueKind.Null, r.GetProperty("tpot_ms").ValueKind);
            }
        });

        var summary = results.Summary();
        var target = summary.GetProperty("run").GetProperty("target");
        Assert.Equal(provider, target.GetProperty("provider").GetString());
        Assert.Equal(stream, target.GetProperty("stream").GetBoolean());
        Assert.True(target.GetProperty("embedded_simulator").GetBoolean());
        Assert.Equal(Requests, summary.GetProperty("requests").GetProperty("succeeded").GetInt32());
        Assert.Equal(Requests, summary.GetProperty("requests").GetProperty("truncated").GetInt32());
        // The summary's totals are the records' sums, and the requested figures.
        var tokens = summary.GetProperty("tokens");
        Assert.Equal(requests.Sum(r => r.GetProperty("input_tokens").GetInt32()), tokens.GetProperty("input_total").GetInt32());
        Assert.Equal(requests.Sum(r => r.GetProperty("output_tokens").GetInt32()), tokens.GetProperty("output_total").GetInt32());
        Assert.Equal(Requests * InputTokens, tokens.GetProperty("input_total").GetInt32());
        Assert.Equal(Requests * OutputTokens, tokens.GetProperty("output_total").GetInt32());
        Assert.Equal("usage", tokens.GetProperty("source").GetString());
        Assert.Equal(0, tokens.GetProperty("discrepancy").GetProperty("output").GetProperty("mismatched").GetInt32());
    }

    [Theory]
    [InlineData("openai-responses")]
    [InlineData("gemini")]
    public async Task Run_ProviderPastTheProfilesRequestLimit_RefusalsAreRateLimitedWithTheApisWait(string provider)
    {
        using var results = new ResultsDirectory();
        Directory.CreateDirectory(results.Path);
        var profile = Path.Combine(results.Path, "five-a-minute.yaml");
        File.WriteAllText(profile, "timing:\n  ttft_ms: 0\n  itl_ms: 0\nrate_limits:\n  requests_per_minute: 5\n");

        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["run", "--provider", provider, "--simulator", profile, "--requests", "8", "--concurrency", "1", "--output-tokens", $"{OutputTokens}", "--out", results.Path], Limit);

        Assert.True(exit == 0, stderr + stdout);
        var requests = results.Requests().OrderBy(r => r.GetProperty("seq").GetInt32()).ToList();
        Assert.Equal([200, 200, 200, 200, 200, 429, 429, 429], requests.Select(r => r.GetProperty("status").GetInt32()));
        var refused = requests.Where(r => r.GetProperty("status").GetInt32() == 429).ToList();
        Assert.All(refused, r => Assert.Equal("rate_limited", r.GetProperty("error_class").GetString()));
        var summary = results.Summary();
        Assert.Equal(3, summary.GetProperty("errors").GetProperty("rate_limited").GetInt32());
        Assert.Equal(3, summary.GetProperty("rate_limits").GetProperty("rate_limited").GetInt32());
        // Five a minute refill one every 12 s, less the run's own time since: OpenAI says it in retry-after, Gemini
        // in the body's RetryInfo, in whole seconds rounded up.
        Assert.All(refused, r => Assert.InRange(r.GetProperty("retry_after_s").GetDouble(), 10, 12.01));
        Assert.Equal(3, summary.GetProperty("rate_limits").GetProperty("retry_after_s").GetProperty("count").GetInt32());
    }
}
