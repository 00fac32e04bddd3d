using LlmLoad.Tests.Support;

namespace LlmLoad.Tests.Cli;

/// <summary>A workload whose prompts carry tools, against the embedded simulator: every answer is a tool call, and that is a normal end.</summary>
public sealed class ToolCallRunTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData("openai", "tool_calls")]
    [InlineData("anthropic", "tool_use")]
    [InlineData("openai-responses", "tool_calls")]
    [InlineData("gemini", "stop")]
    public async Task Run_CorpusWithTools_EveryAnswerIsACall_CountedOkAndNotTruncated(string provider, string finishReason)
    {
        using var results = new ResultsDirectory();
        Directory.CreateDirectory(results.Path);
        var corpus = Path.Combine(results.Path, "tools.jsonl");
        File.WriteAllText(corpus, """
            {"prompt": "What is the weather in Paris?", "max_tokens": 16, "tools": [{"type": "function", "function": {"name": "get_weather", "description": "Current weather", "parameters": {"type": "object", "properties": {"input": {"type": "string"}}}}}]}
            {"prompt": "And in Rome?", "max_tokens": 16, "tools": [{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object"}}}]}
            """);

        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["run", "--provider", provider, "--corpus", corpus, "--requests", "4", "--concurrency", "2", "--out", results.Path], Limit);

        Assert.True(exit == 0, stderr + stdout);
        var requests = results.Requests().Where(r => !r.GetProperty("warmup").GetBoolean()).ToList();
        Assert.Equal(4, requests.Count);
        Assert.All(requests, r =>
        {
            Assert.Null(r.GetProperty("error_class").GetString());
            Assert.Equal(finishReason, r.GetProperty("finish_reason").GetString());
            Assert.Equal(16, r.GetProperty("output_tokens").GetInt32());
            Assert.Equal(r.GetProperty("ttft_ms").GetDouble(), r.GetProperty("ttfo_ms").GetDouble());
        });
        var summary = results.Summary().GetProperty("requests");
        Assert.Equal(4, summary.GetProperty("succeeded").GetInt64());
        Assert.Equal(0, summary.GetProperty("truncated").GetInt64());
    }

    [Fact]
    public async Task Run_ToolsFileWithSyntheticPrompts_EveryRequestSendsThemAndGetsACall()
    {
        using var results = new ResultsDirectory();
        Directory.CreateDirectory(results.Path);
        var tools = Path.Combine(results.Path, "tools.json");
        File.WriteAllText(tools, """[{"type": "function", "function": {"name": "search", "parameters": {"type": "object"}}}]""");

        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["run", "--tools", tools, "--requests", "3", "--concurrency", "1", "--output-tokens", "8", "--out", results.Path], Limit);

        Assert.True(exit == 0, stderr + stdout);
        Assert.All(results.Requests().Where(r => !r.GetProperty("warmup").GetBoolean()), r => Assert.Equal("tool_calls", r.GetProperty("finish_reason").GetString()));
    }

    [Fact]
    public async Task Run_BadToolsFile_NamesTheFileAndFieldAndSendsNothing()
    {
        using var results = new ResultsDirectory();
        Directory.CreateDirectory(results.Path);
        var tools = Path.Combine(results.Path, "tools.json");
        File.WriteAllText(tools, """[{"type": "function", "function": {"description": "no name"}}]""");

        var (exit, _, stderr) = await CliProcess.RunAsync(["run", "--tools", tools, "--requests", "1", "--out", results.Path], Limit);

        Assert.NotEqual(0, exit);
        Assert.Contains($"{tools}: field 'tools[0].function.name': expected 1 to 64 letters", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }
}
