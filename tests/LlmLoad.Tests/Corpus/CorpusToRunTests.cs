using System.Text.Json;
using LlmLoad.Tests.Support;

namespace LlmLoad.Tests.Corpus;

/// <summary>From production logs to a load test: corpus build, then run with its output, against the simulator.</summary>
public sealed class CorpusToRunTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("llmload-corpus-run-").FullName;

    [Fact]
    public async Task BuiltCorpus_RunsWithItsScrubbedPromptsAndBucketCategories()
    {
        var log = Path.Combine(_dir, "logs.jsonl");
        var corpus = Path.Combine(_dir, "corpus.jsonl");
        var results = Path.Combine(_dir, "out");
        File.WriteAllLines(log, SampleLog.Lines());
        var limit = TimeSpan.FromSeconds(120);

        var (buildExit, buildOut, buildErr) = await CliProcess.RunAsync(["corpus", "build", "--from", log, "--out", corpus, "--per-bucket", "5", "--seed", "1"], limit);
        Assert.True(buildExit == 0, buildErr + buildOut);
        Assert.DoesNotContain("@example.com", File.ReadAllText(corpus), StringComparison.Ordinal);

        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["run", "--simulator", "instant", "--corpus", corpus, "--requests", "60", "--concurrency", "4", "--seed", "2", "--out", results], limit);

        Assert.True(exit == 0, stderr + stdout);
        var categories = JsonDocument.Parse(File.ReadAllText(Path.Combine(results, "summary.json"))).RootElement.GetProperty("categories")
            .EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToHashSet();
        Assert.Subset(new HashSet<string?> { "short_in_short_out", "short_in_long_out", "medium_in", "long_in_short_out" }, categories);
        Assert.True(categories.Count >= 3, string.Join(", ", categories));
        Assert.Equal(60, File.ReadAllLines(Path.Combine(results, "requests.jsonl")).Length);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
