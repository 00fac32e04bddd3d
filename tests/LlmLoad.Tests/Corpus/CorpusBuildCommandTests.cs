using System.Text.Json;
using LlmLoad.Tests.Support;

namespace LlmLoad.Tests.Corpus;

public sealed class CorpusBuildCommandTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private readonly ResultsDirectory _dir = new();

    public CorpusBuildCommandTests() => Directory.CreateDirectory(_dir.Path);

    private string LogPath => Path.Combine(_dir.Path, "logs.jsonl");

    private string CorpusPath => Path.Combine(_dir.Path, "corpus.jsonl");

    [Fact]
    public async Task Build_SampleLog_WritesBucketsWeightsAndScrubbedPrompts()
    {
        File.WriteAllLines(LogPath, SampleLog.Lines());

        var (exit, stdout, stderr) = await Build("--per-bucket", "5", "--seed", "7");

        Assert.True(exit == 0, stderr);
        var report = Report();
        Assert.Equal("llmload.corpus-report/v1", report.GetProperty("schema").GetString());
        var lines = report.GetProperty("lines");
        Assert.Equal(SampleLog.Unique + SampleLog.Duplicates, lines.GetProperty("read").GetInt64());
        Assert.Equal(SampleLog.Duplicates, lines.GetProperty("duplicates").GetInt64());
        Assert.Equal(SampleLog.Unique, lines.GetProperty("unique").GetInt64());
        Assert.Equal(0, lines.GetProperty("bad").GetInt64());
        Assert.Equal(16, lines.GetProperty("written").GetInt64());

        var buckets = report.GetProperty("buckets").EnumerateArray()
            .ToDictionary(b => b.GetProperty("name").GetString()!, b => (Prompts: b.GetProperty("prompts").GetInt64(), Weight: b.GetProperty("weight").GetDouble(), Sampled: b.GetProperty("sampled").GetInt32()));
        Assert.Equal(["short_in_short_out", "short_in_long_out", "medium_in", "long_in_short_out"], buckets.Keys);
        Assert.Equal((SampleLog.ShortShort, Math.Round(60.0 / 101, 6), 5), buckets["short_in_short_out"]);
        Assert.Equal((SampleLog.ShortLong, Math.Round(30.0 / 101, 6), 5), buckets["short_in_long_out"]);
        Assert.Equal((SampleLog.Medium, Math.Round(10.0 / 101, 6), 5), buckets["medium_in"]);
        Assert.Equal((SampleLog.Long, Math.Round(1.0 / 101, 6), 1), buckets["long_in_short_out"]);
        Assert.Equal(SampleLog.Emails, report.GetProperty("scrubbed").GetProperty("EMAIL").GetInt64());
        Assert.Equal(SampleLog.Emails, report.GetProperty("scrubbed").GetProperty("total").GetInt64());
        Assert.Contains("short_in_short_out", stdout);
        Assert.Contains("20 duplicates removed", stdout);

        var corpus = Corpus();
        Assert.Equal(16, corpus.Count);
        Assert.All(corpus, line => Assert.DoesNotContain("@example.com", line.GetRawText()));
        Assert.Equal([5, 5, 5, 1], corpus.GroupBy(l => l.GetProperty("category").GetString()).Select(g => g.Count()));
        var essays = corpus.Where(l => l.GetProperty("category").GetString() == "short_in_long_out").ToList();
        Assert.All(essays, l => Assert.Equal(2, l.GetProperty("messages").GetArrayLength()));
        Assert.All(essays, l => Assert.True(l.GetProperty("max_tokens").GetInt32() >= 500));
        Assert.All(corpus.Where(l => l.GetProperty("category").GetString() == "medium_in"), l => Assert.False(l.TryGetProperty("max_tokens", out _)));
        var contract = Assert.Single(corpus, l => l.GetProperty("category").GetString() == "long_in_short_out");
        Assert.Equal(50, contract.GetProperty("max_tokens").GetInt32());
        Assert.True(contract.GetProperty("input_tokens").GetInt32() > 2000);
    }

    [Fact]
    public async Task Build_Duplicates_FirstCopyKeptWithItsOutputLength()
    {
        File.WriteAllLines(LogPath, SampleLog.Lines());

        var (exit, _, stderr) = await Build("--per-bucket", "1000");

        Assert.True(exit == 0, stderr);
        var python = Corpus().Where(l => l.TryGetProperty("prompt", out var p) && p.GetString()!.Contains("sort a list", StringComparison.Ordinal)).ToList();
        Assert.Equal(SampleLog.ShortShort / 2, python.Count);
        Assert.All(python, l => Assert.True(l.GetProperty("max_tokens").GetInt32() >= 100));
    }

    [Fact]
    public async Task Build_SameSeed_SameCorpus_OtherSeed_OtherSample()
    {
        File.WriteAllLines(LogPath, SampleLog.Lines());

        await Build("--per-bucket", "5", "--seed", "1");
        var first = File.ReadAllText(CorpusPath);
        await Build("--per-bucket", "5", "--seed", "1");
        var again = File.ReadAllText(CorpusPath);
        await Build("--per-bucket", "5", "--seed", "2");
        var other = File.ReadAllText(CorpusPath);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task Build_Thresholds_MoveTheBuckets()
    {
        File.WriteAllLines(LogPath, SampleLog.Lines());

        var (exit, _, stderr) = await Build("--short-input-below", "5", "--long-input-above", "600", "--long-output-from", "2000");

        Assert.True(exit == 0, stderr);
        var names = Report().GetProperty("buckets").EnumerateArray().Select(b => b.GetProperty("name").GetString()).ToList();
        Assert.Equal(["medium_in_short_out", "long_in_short_out", "long_in"], names);
    }

    [Fact]
    public async Task Build_BadLine_ExitsTwoNamingFileAndLine()
    {
        var lines = SampleLog.Lines();
        lines.Insert(3, "{\"prompt\": \"unterminated");
        File.WriteAllLines(LogPath, lines);

        var (exit, _, stderr) = await Build();

        Assert.Equal(2, exit);
        Assert.Contains($"{LogPath}:4: not valid JSON", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.False(File.Exists(CorpusPath));
    }

    [Fact]
    public async Task Build_SkipBadLines_CountsAndReportsThem()
    {
        var lines = SampleLog.Lines();
        lines.Insert(0, "[1, 2]");
        lines.Insert(5, "{\"messages\": \"hello\"}");
        lines.Insert(9, "{\"prompt\": \"ok\", \"output_tokens\": -3}");
        lines.Insert(10, "{\"text\": \"no prompt here\"}");
        File.WriteAllLines(LogPath, lines);

        var (exit, stdout, stderr) = await Build("--skip-bad-lines");

        Assert.True(exit == 0, stderr);
        var report = Report();
        Assert.Equal(4, report.GetProperty("lines").GetProperty("bad").GetInt64());
        Assert.Equal(SampleLog.Unique, report.GetProperty("lines").GetProperty("unique").GetInt64());
        var bad = report.GetProperty("bad_lines").EnumerateArray().ToDictionary(b => b.GetProperty("line").GetInt64(), b => b.GetProperty("error").GetString()!);
        Assert.Equal([1L, 6L, 10L, 11L], bad.Keys);
        Assert.Contains("expected a JSON object", bad[1]);
        Assert.Contains("'messages' must be an array", bad[6]);
        Assert.Contains("'output_tokens' must be a non-negative integer", bad[10]);
        Assert.Contains("no 'prompt'", bad[11]);
        Assert.Contains($"skipped {LogPath}:6: 'messages' must be an array", stdout);
    }

    [Fact]
    public async Task Build_InvalidUtf8_IsABadLineNotACrash()
    {
        File.WriteAllBytes(LogPath, [.. "{\"prompt\": \"fine\"}\n{\"prompt\": \"bad "u8, 0xFF, .. "\"}\n"u8]);

        var (exit, _, stderr) = await Build();

        Assert.Equal(2, exit);
        Assert.Contains($"{LogPath}:2: a string is not valid UTF-8", stderr);
    }

    [Fact]
    public async Task Build_NoPrompts_ExitsTwo()
    {
        File.WriteAllLines(LogPath, ["", "   "]);

        var (exit, _, stderr) = await Build();

        Assert.Equal(2, exit);
        Assert.Contains("no prompt to build a corpus from", stderr);
    }

    [Fact]
    public async Task Build_InvalidOptions_ExitsTwoListingEach()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(
            ["corpus", "build", "--from", Path.Combine(_dir.Path, "missing.jsonl"), "--per-bucket", "0", "--short-input-below", "900", "--long-input-above", "100"], Limit);

        Assert.Equal(2, exit);
        Assert.Contains("--per-bucket: expected at least 1", stderr);
        Assert.Contains("--long-input-above: expected at least --short-input-below", stderr);
        Assert.Contains("--from: no such file", stderr);
    }

    public void Dispose() => _dir.Dispose();

    private Task<(int ExitCode, string Stdout, string Stderr)> Build(params string[] options)
        => CliProcess.RunAsync(["corpus", "build", "--from", LogPath, "--out", CorpusPath, .. options], Limit);

    private JsonElement Report() => JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir.Path, "corpus.report.json"))).RootElement.Clone();

    private List<JsonElement> Corpus() => [.. File.ReadAllLines(CorpusPath).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
}
