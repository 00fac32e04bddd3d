using System.Globalization;
using System.Text.Json;
using LlmLoad.Simulator;
using LlmLoad.Tests.Support;
using LlmLoad.Workload;

namespace LlmLoad.Tests.Cli;

/// <summary>
/// Three real CLI processes with --segment k/3 against one simulator, merged, against one process with the same seed:
/// the same requests (seq, scheduled time, prompt length), and percentiles from the added HDR histograms.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class SegmentMergeRunTests : IClassFixture<SegmentMergeRunTests.Runs>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);
    private readonly Runs _runs;

    public SegmentMergeRunTests(Runs runs) => _runs = runs;

    [Fact]
    public void Merge_ThreeSegments_SameRequestsAsOneProcess()
    {
        static List<(long, double, int, int)> Keys(ResultsDirectory results) => [.. results.Requests()
            .Select(r => (r.GetProperty("seq").GetInt64(), r.GetProperty("scheduled_ms").GetDouble(), r.GetProperty("input_tokens_tokenizer").GetInt32(), r.GetProperty("max_tokens").GetInt32()))
            .Order()];

        var single = Keys(_runs.Single);
        Assert.Equal(Runs.Requests + Runs.Warmup, single.Count);
        Assert.Equal(single, Keys(_runs.Merged));
        var scheduled = _runs.Merged.Requests().Select(r => r.GetProperty("scheduled_ms").GetDouble()).ToList();
        Assert.Equal(scheduled.Order(), scheduled);
        var counts = _runs.Merged.Summary().GetProperty("requests");
        var singleCounts = _runs.Single.Summary().GetProperty("requests");
        foreach (var field in new[] { "total", "measured", "warmup", "succeeded" })
        {
            Assert.Equal(singleCounts.GetProperty(field).GetInt64(), counts.GetProperty(field).GetInt64());
        }
    }

    [Fact]
    public void Merge_ThreeSegments_PercentilesAreThoseOfTheConcatenatedRecordsWithinHdrPrecision()
    {
        var records = _runs.Merged.Requests().Where(r => !r.GetProperty("warmup").GetBoolean()).ToList();
        var latency = _runs.Merged.Summary().GetProperty("latency_ms");
        foreach (var metric in new[] { "ttft", "e2e" })
        {
            var values = records.Select(r => r.GetProperty(metric + "_ms").GetDouble()).Order().ToList();
            foreach (var (stat, p) in new[] { ("p50", 50.0), ("p90", 90.0), ("p99", 99.0), ("max", 100.0) })
            {
                // HdrHistogram's rank: the value at which the count reaches round(p% of n), at least the first.
                var expected = values[Math.Max(1, (int)((p / 100 * values.Count) + 0.5)) - 1];
                var merged = latency.GetProperty(metric).GetProperty(stat).GetDouble();
                // 3 significant digits: a value and its bucket's highest equivalent differ by under 0.1%, plus the 1 µs unit.
                Assert.True(Math.Abs(merged - expected) <= (expected * 0.001) + 0.002, $"{metric}.{stat}: merged {merged}, records {expected}");
            }
        }

        // Per-token ITL is only in the histograms: the merge's is the segments' added.
        var itl = latency.GetProperty("itl");
        var segmentsItl = _runs.Segments.Select(s => s.Summary().GetProperty("latency_ms").GetProperty("itl")).ToList();
        Assert.Equal(segmentsItl.Sum(s => s.GetProperty("count").GetInt64()), itl.GetProperty("count").GetInt64());
        Assert.Equal(_runs.Single.Summary().GetProperty("latency_ms").GetProperty("itl").GetProperty("count").GetInt64(), itl.GetProperty("count").GetInt64());
        Assert.InRange(itl.GetProperty("p50").GetDouble(), segmentsItl.Min(s => s.GetProperty("p50").GetDouble()), segmentsItl.Max(s => s.GetProperty("p50").GetDouble()));
    }

    [Fact]
    public void Segments_SummaryRecordsSegmentClockAndBudgetShare()
    {
        for (var k = 1; k <= 3; k++)
        {
            var segment = _runs.Segments[k - 1].Summary().GetProperty("segment");
            Assert.Equal(k, segment.GetProperty("index").GetInt32());
            Assert.Equal(3, segment.GetProperty("count").GetInt32());
            Assert.Equal(_runs.StartAt, segment.GetProperty("start_at").GetString());
            Assert.Equal(JsonValueKind.Number, segment.GetProperty("start_skew_ms").ValueKind);
            Assert.Equal(1.5m, segment.GetProperty("budget_usd_share").GetDecimal());
            Assert.True(File.Exists(Path.Combine(_runs.Segments[k - 1].Path, "histograms.hlog")));
        }

        var merged = _runs.Merged.Summary();
        Assert.Equal(3, merged.GetProperty("segment").GetProperty("merged_from").GetArrayLength());
        Assert.Contains(merged.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("each of the 3 segments could spend $1.50", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Merge_BadInputs_RefusesNamingWhatDiffers()
    {
        var (s1, s2, s3) = (_runs.Segments[0].Path, _runs.Segments[1].Path, _runs.Segments[2].Path);
        using var otherSeed = new ResultsDirectory();
        CopyDirectory(s3, otherSeed.Path);
        var manifest = Path.Combine(otherSeed.Path, "segment.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace($"\"seed\": {Runs.Seed}", "\"seed\": 8", StringComparison.Ordinal));
        using var output = new ResultsDirectory();

        var cases = new (string[] Dirs, string Expected)[]
        {
            ([s1, s2], "missing segment 3/3"),
            ([s1, s2, s2, s3], "segment 2/3 given more than once"),
            ([s1, s2, otherSeed.Path], $"different seeds: {s1} has seed {Runs.Seed}, {otherSeed.Path} has 8"),
            ([s1, s2, s3 + "-nowhere"], "no such directory"),
        };
        foreach (var (dirs, expected) in cases)
        {
            var (exit, stdout, stderr) = await CliProcess.RunAsync(["merge", .. dirs, "--out", output.Path], Limit);
            Assert.True(exit == 2, $"exit {exit}\n{stderr}{stdout}");
            Assert.Contains(expected, stderr);
            Assert.DoesNotContain("   at ", stderr);
            Assert.False(File.Exists(output.SummaryFile));
        }
    }

    [Theory]
    [InlineData("0/3", "segment 0 does not exist among 3")]
    [InlineData("4/3", "segment 4 does not exist among 3")]
    [InlineData("x", "expected K/N")]
    public async Task Run_BadSegment_ExitsTwoSayingWhatIsExpected(string segment, string expected)
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(["run", "--segment", segment, "--seed", "1", "--requests", "3"], Limit);
        Assert.Equal(2, exit);
        Assert.Contains($"--segment: {expected}", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public async Task Run_SegmentWithoutSeed_IsRefused()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(["run", "--segment", "1/2", "--requests", "3"], Limit);
        Assert.Equal(2, exit);
        Assert.Contains("give the same --seed to all of them", stderr);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    /// <summary>The runs the tests read: one process, its three segments (started together with --start-at) and their merge.</summary>
    public sealed class Runs : IAsyncLifetime
    {
        public const int Requests = 36;
        public const int Warmup = 3;
        public const int Seed = 7;

        internal ResultsDirectory Single { get; } = new();

        internal ResultsDirectory[] Segments { get; } = [new(), new(), new()];

        internal ResultsDirectory Merged { get; } = new();

        public string StartAt { get; private set; } = "";

        public async Task InitializeAsync()
        {
            await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions
            {
                TimeToFirstTokenMs = new NormalSpec(40, 10),
                InterTokenLatencyMs = new NormalSpec(4, 1),
            });
            string[] load =
            [
                "--url", simulator.BaseAddress + "v1", "--model", "sim", "--rate", "30", "--requests", Requests.ToString(CultureInfo.InvariantCulture),
                "--warmup", Warmup.ToString(CultureInfo.InvariantCulture), "--seed", Seed.ToString(CultureInfo.InvariantCulture),
                "--input-tokens", "uniform:16:200", "--output-tokens", "uniform:4:24",
                "--input-price", "1", "--output-price", "1", "--budget-usd", "4.5",
            ];
            await ExpectSuccessAsync(CliProcess.RunAsync(["run", .. load, "--out", Single.Path], Limit));

            // Far enough ahead for three processes to start on a busy machine; --start-at refuses a time long past.
            var startAt = DateTimeOffset.UtcNow.AddSeconds(12);
            StartAt = startAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'.000Z'", CultureInfo.InvariantCulture);
            var startArg = startAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            await Task.WhenAll(Enumerable.Range(1, 3).Select(k => ExpectSuccessAsync(CliProcess.RunAsync(
                ["run", .. load, "--segment", $"{k}/3", "--start-at", startArg, "--out", Segments[k - 1].Path], Limit))));
            await ExpectSuccessAsync(CliProcess.RunAsync(["merge", .. Segments.Select(s => s.Path), "--out", Merged.Path], Limit));
        }

        public Task DisposeAsync()
        {
            foreach (var results in Segments.Append(Single).Append(Merged))
            {
                results.Dispose();
            }

            return Task.CompletedTask;
        }

        private static async Task ExpectSuccessAsync(Task<(int ExitCode, string Stdout, string Stderr)> run)
        {
            var (exit, stdout, stderr) = await run;
            Assert.True(exit == 0, $"exit {exit}\n{stderr}{stdout}");
        }
    }
}
