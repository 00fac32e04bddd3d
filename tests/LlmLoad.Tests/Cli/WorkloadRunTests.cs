using LlmLoad.Tests.Support;
using LlmLoad.Workload;

namespace LlmLoad.Tests.Cli;

/// <summary>Mixes, corpora, sessions and tokenizers through the real CLI against the built-in simulator.</summary>
public sealed class WorkloadRunTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);
    private static readonly string[] MixOrder = ["short", "long"];

    [Fact]
    public async Task Mix_EveryRequestHasItsCategory_ExactPromptLengths_AndPerCategoryStatisticsAndCost()
    {
        using var results = new ResultsDirectory();

        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["run", "--simulator", "instant", "--model", "gpt-4o-mini", "--requests", "400", "--concurrency", "8", "--seed", "3",
             "--mix", "short 3 input uniform:10:40 output 5", "--mix", "long 1 input uniform:300:400 output 20", "--out", results.Path],
            Limit);

        Assert.True(exit == 0, stderr + stdout);
        var requests = results.Requests();
        Assert.All(requests, r =>
        {
            var input = r.GetProperty("input_tokens_tokenizer").GetInt32();
            var (low, high, output) = r.GetProperty("category").GetString() == "short" ? (10, 40, 5) : (300, 400, 20);
            Assert.InRange(input, low, high);
            Assert.Equal(output, r.GetProperty("max_tokens").GetInt32());
        });
        var categories = results.Summary().GetProperty("categories").EnumerateArray().ToList();
        Assert.Equal(MixOrder, categories.Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(0.75, categories[0].GetProperty("weight_share").GetDouble());
        // 400 draws at 75%: the share's standard error is 2.2 points; allow four.
        Assert.InRange(categories[0].GetProperty("share").GetDouble(), 0.75 - 0.087, 0.75 + 0.087);
        Assert.Equal(400, categories.Sum(c => c.GetProperty("requests").GetProperty("measured").GetInt32()));
        Assert.True(categories[1].GetProperty("tokens").GetProperty("input_total").GetInt64() / categories[1].GetProperty("requests").GetProperty("measured").GetDouble() > 300);
        var costs = results.Summary().GetProperty("cost").GetProperty("per_category").EnumerateArray().ToList();
        Assert.Equal(MixOrder, costs.Select(c => c.GetProperty("name").GetString()));
        Assert.Contains("categories", stdout);
    }

    [Fact]
    public async Task Corpus_PromptsAndCategoriesComeFromTheFile_RepeatsAreWarnedAbout_BadLinesSkippedAndCounted()
    {
        using var results = new ResultsDirectory();
        Directory.CreateDirectory(results.Path);
        var corpus = Path.Combine(results.Path, "corpus.jsonl");
        await File.WriteAllTextAsync(corpus, """
            {"prompt": "What is a mutex?", "max_tokens": 7, "category": "qa"}
            {"prompt": "Write a limerick about latency.", "max_tokens": 9, "category": "creative"}
            this line is broken
            """);

        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["run", "--simulator", "instant", "--corpus", corpus, "--skip-bad-lines", "--requests", "40", "--concurrency", "4", "--out", Path.Combine(results.Path, "out")],
            Limit);

        Assert.True(exit == 0, stderr + stdout);
        var requests = File.ReadAllLines(Path.Combine(results.Path, "out", "requests.jsonl")).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(requests, r => Assert.Equal(r.GetProperty("category").GetString() == "qa" ? 7 : 9, r.GetProperty("max_tokens").GetInt32()));
        Assert.Equal(2, requests.Select(r => r.GetProperty("category").GetString()).Distinct().Count());
        Assert.Contains("from a corpus of 2 prompts", stdout);
        var workload = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(results.Path, "out", "summary.json"))).RootElement.GetProperty("workload");
        Assert.Equal((2, 1), (workload.GetProperty("corpus").GetProperty("prompts").GetInt32(), workload.GetProperty("corpus").GetProperty("skipped_lines").GetInt32()));
        Assert.StartsWith(corpus + ":3: not a JSON object", workload.GetProperty("corpus").GetProperty("skipped_examples")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("1 bad corpus line was skipped", stdout);
        Assert.Contains("corpus.jsonl:3:", stdout);
    }

    [Fact]
    public async Task Corpus_BadLineWithoutSkipping_IsAnInvalidInputNamingFileAndLine()
    {
        using var results = new ResultsDirectory();
        Directory.CreateDirectory(results.Path);
        var corpus = Path.Combine(results.Path, "corpus.jsonl");
        await File.WriteAllTextAsync(corpus, "{\"prompt\": \"ok\"}\n{\"prompt\": \"x\", \"max_tokens\": 0}\n");

        var (exit, _, stderr) = await CliProcess.RunAsync(["run", "--corpus", corpus, "--requests", "2"], Limit);

        Assert.Equal(2, exit);
        Assert.Contains("corpus.jsonl:2: field 'max_tokens': expected a whole number of tokens, at least 1", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sessions_EachTurnCarriesTheConversationSoFar_AfterTheThinkTime_AndActionsAreSummarised()
    {
        using var results = new ResultsDirectory();

        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["run", "--simulator", "instant", "--requests", "4", "--concurrency", "2", "--session-turns", "3", "--think-time", "150ms",
             "--input-tokens", "50", "--output-tokens", "30", "--seed", "1", "--out", results.Path],
            Limit);

        Assert.True(exit == 0, stderr + stdout);
        var requests = results.Requests();
        Assert.Equal(12, requests.Count);
        Assert.Equal(12, requests.Select(r => r.GetProperty("seq").GetInt64()).Distinct().Count());
        foreach (var session in requests.GroupBy(r => r.GetProperty("session_id").GetInt64()))
        {
            var turns = session.OrderBy(r => r.GetProperty("turn").GetInt32()).ToList();
            Assert.Equal([1, 2, 3], turns.Select(r => r.GetProperty("turn").GetInt32()));
            for (var k = 1; k < turns.Count; k++)
            {
                // The server counts every message it was sent: the previous prompt, the answer, and 50 new tokens.
                var previous = turns[k - 1];
                Assert.Equal(
                    previous.GetProperty("input_tokens").GetInt32() + previous.GetProperty("output_tokens").GetInt32() + 50,
                    turns[k].GetProperty("input_tokens").GetInt32(),
                    tolerance: 8);
                var previousEnd = previous.GetProperty("sent_ms").GetDouble() + previous.GetProperty("e2e_ms").GetDouble();
                // Times are written to the microsecond; the think time is waited in full by the run's clock.
                Assert.True(turns[k].GetProperty("sent_ms").GetDouble() - previousEnd >= 150 - 0.002, "a turn waits for the think time after the answer");
            }
        }

        var actions = results.Summary().GetProperty("actions");
        Assert.Equal(4, actions.GetProperty("completed").GetInt32());
        Assert.Equal(3, actions.GetProperty("turns_mean").GetDouble());
        Assert.True(actions.GetProperty("duration_ms").GetProperty("min").GetDouble() >= 300);
        Assert.Contains("user actions: 4 sessions", stdout);
    }

    [Fact]
    public async Task SharedPrefix_AgainstASimulatorWithAPrefixCache_LaterRequestsReportTheSharedPromptCached()
    {
        using var results = new ResultsDirectory();

        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["run", "--simulator", "gpu-server", "--requests", "20", "--concurrency", "1", "--shared-prefix", "1:600",
             "--input-tokens", "20", "--output-tokens", "4", "--out", results.Path],
            Limit);

        Assert.True(exit == 0, stderr + stdout);
        var requests = results.Requests().OrderBy(r => r.GetProperty("seq").GetInt32()).ToList();
        Assert.All(requests, r => Assert.Equal(620, r.GetProperty("input_tokens_tokenizer").GetInt32()));
        // The first request puts the shared system prompt in the cache; every later one finds it (in 16-token blocks).
        Assert.Equal(0, requests[0].GetProperty("cached_tokens").GetInt32());
        Assert.All(requests.Skip(1), r => Assert.InRange(r.GetProperty("cached_tokens").GetInt32(), 584, 600));
        Assert.True(results.Summary().GetProperty("tokens").GetProperty("cached_total").GetInt64() >= 19 * 584);
    }

    [Theory]
    [InlineData("gpt-4-turbo", "cl100k_base", true)]
    [InlineData("claude-sonnet-4-5", "o200k_base", false)]
    public async Task Tokenizer_FollowsTheModelFamily(string model, string encoding, bool exact)
    {
        using var results = new ResultsDirectory();

        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["run", "--simulator", "instant", "--model", model, "--requests", "3", "--input-tokens", "123", "--out", results.Path], Limit);

        Assert.True(exit == 0, stderr + stdout);
        var tokens = results.Summary().GetProperty("tokens");
        Assert.Equal(encoding, tokens.GetProperty("tokenizer").GetString());
        Assert.Equal(exact, tokens.GetProperty("tokenizer_exact").GetBoolean());
        Assert.All(results.Requests(), r => Assert.Equal(123, r.GetProperty("input_tokens_tokenizer").GetInt32()));
        Assert.Equal(encoding, TokenCounter.EncodingForModel(model));
    }
}
