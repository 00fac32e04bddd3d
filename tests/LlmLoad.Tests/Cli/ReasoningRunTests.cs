using LlmLoad.Tests.Support;

namespace LlmLoad.Tests.Cli;

/// <summary>A run against a reasoning model (the embedded simulator with a reasoning profile) measures the thinking apart from the answer.</summary>
public sealed class ReasoningRunTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Run_OpenAiOnAReasoningProfile_TtfoComesAfterTtft_AndReasoningTokensAreCounted()
    {
        using var results = new ResultsDirectory();
        var (exit, stdout, stderr) = await RunAsync(results, "openai", "reasoning_content");

        Assert.True(exit == 0, stderr + stdout);
        var requests = results.Requests().Where(r => !r.GetProperty("warmup").GetBoolean()).ToList();
        Assert.Equal(4, requests.Count);
        Assert.All(requests, r =>
        {
            Assert.Null(r.GetProperty("error_class").GetString());
            Assert.Equal(6, r.GetProperty("reasoning_tokens").GetInt32());
            Assert.Equal(6, r.GetProperty("reasoning_chunks").GetInt32());
            Assert.Equal(16, r.GetProperty("output_tokens").GetInt32());
            // Six reasoning gaps of 5 ms lie between the first reasoning token and the first answer token.
            Assert.True(r.GetProperty("ttfo_ms").GetDouble() > r.GetProperty("ttft_ms").GetDouble(), r.ToString());
        });
        var tokens = results.Summary().GetProperty("tokens");
        Assert.Equal(24, tokens.GetProperty("reasoning_total").GetInt64());
        Assert.Equal(4, tokens.GetProperty("reasoned_requests").GetInt64());
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("openai-responses")]
    [InlineData("gemini")]
    public async Task Run_HiddenReasoning_TtfoIsTtft_AndTheUsageStillCountsTheReasoning(string provider)
    {
        using var results = new ResultsDirectory();
        var (exit, stdout, stderr) = await RunAsync(results, provider, "hidden");

        Assert.True(exit == 0, stderr + stdout);
        var requests = results.Requests().Where(r => !r.GetProperty("warmup").GetBoolean()).ToList();
        Assert.Equal(4, requests.Count);
        Assert.All(requests, r =>
        {
            Assert.Null(r.GetProperty("error_class").GetString());
            Assert.Equal(6, r.GetProperty("reasoning_tokens").GetInt32());
            Assert.Equal(0, r.GetProperty("reasoning_chunks").GetInt32());
            Assert.Equal(16, r.GetProperty("output_tokens").GetInt32());
            Assert.Equal(r.GetProperty("ttft_ms").GetDouble(), r.GetProperty("ttfo_ms").GetDouble());
        });
    }

    [Theory]
    [InlineData("anthropic", "--thinking-budget", "1024", "1100")]
    [InlineData("gemini", "--include-thoughts", "true", "48")]
    [InlineData("openai-responses", "--reasoning-summary", "auto", "48")]
    public async Task Run_ProviderAsksToSeeTheReasoning_TtfoComesAfterTtft(string provider, string setting, string value, string outputTokens)
    {
        using var results = new ResultsDirectory();
        var (exit, stdout, stderr) = await RunAsync(results, provider, "hidden", outputTokens, reasoningTokens: 40, setting, value);

        Assert.True(exit == 0, stderr + stdout);
        var requests = results.Requests().Where(r => !r.GetProperty("warmup").GetBoolean()).ToList();
        Assert.Equal(4, requests.Count);
        Assert.All(requests, r =>
        {
            Assert.Null(r.GetProperty("error_class").GetString());
            Assert.Equal(40, r.GetProperty("reasoning_chunks").GetInt32());
            // Forty gaps of 5 ms: even a client read that stalls a while cannot take in both at once.
            Assert.True(r.GetProperty("ttfo_ms").GetDouble() > r.GetProperty("ttft_ms").GetDouble(), r.ToString());
        });
    }

    [Fact]
    public async Task Run_ThinkingBudgetNotBelowTheCap_IsRefusedBeforeSending()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(["run", "--provider", "anthropic", "--thinking-budget", "2048", "--output-tokens", "2048", "--requests", "1"], Limit);

        Assert.NotEqual(0, exit);
        Assert.Contains("--output-tokens: with a thinking budget of 2048 the output cap must be greater", stderr, StringComparison.Ordinal);
    }

    private static Task<(int Exit, string Stdout, string Stderr)> RunAsync(ResultsDirectory results, string provider, string chatField, string outputTokens = "16", int reasoningTokens = 6, params string[] extra)
    {
        Directory.CreateDirectory(results.Path);
        var profile = Path.Combine(results.Path, "thinker.yaml");
        File.WriteAllText(profile, $"timing:\n  ttft_ms: 20\n  itl_ms: 5\nreasoning:\n  tokens: {reasoningTokens}\n  chat_field: {chatField}\n");
        // 16 output tokens: the Responses API refuses a max_output_tokens under 16.
        return CliProcess.RunAsync(
            ["run", "--provider", provider, "--simulator", profile, "--requests", "4", "--concurrency", "2", "--input-tokens", "20", "--output-tokens", outputTokens, "--out", results.Path, .. extra], Limit);
    }
}
