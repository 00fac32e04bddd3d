using System.Diagnostics;
using System.IO.Compression;
using LlmLoad.Corpus.Scrubbing;
using LlmLoad.Workload;

namespace LlmLoad.Corpus;

/// <summary>
/// Builds a prompt corpus from a production log in one streaming pass (docs/corpus.md). Memory is bounded by
/// what is kept, not by the log: a batch of lines, the duplicate filter (8-byte fingerprints, ~20–40 bytes per
/// distinct prompt with the hash set's slack), and the sampled prompts (buckets × <see cref="CorpusBuildOptions.PerBucket"/>).
/// </summary>
public sealed class CorpusBuilder
{
    /// <summary>Bad lines kept in the report with their error; the rest are only counted.</summary>
    public const int BadLineSamples = 20;

    private const int BatchBytes = 8 * 1024 * 1024;

    private readonly CorpusBuildOptions _options;
    private readonly LineProcessor _processor;
    private readonly HashSet<ulong> _seen = [];
    private readonly Dictionary<string, Reservoir<SampledPrompt>> _reservoirs = new(StringComparer.Ordinal);
    private readonly Random _random;
    private readonly ScrubCounts _scrubbed = new();
    private readonly List<BadLine> _badSamples = [];
    private long _blank;
    private long _bad;
    private long _duplicates;

    public CorpusBuilder(CorpusBuildOptions options)
    {
        _options = options;
        _processor = new LineProcessor(options.Buckets, TokenCounter.Default);
        _random = new Random(options.Seed);
    }

    /// <summary>Reads the log, writes the corpus and its report; <paramref name="progress"/> gets (bytes, lines) now and then.</summary>
    /// <exception cref="CorpusInputException">A bad line (without <c>SkipBadLines</c>), no prompt at all, or a file that cannot be read or written.</exception>
    public CorpusBuildReport Build(Action<long, long>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        long bytesRead, linesRead;
        using (var input = OpenInput())
        {
            var reader = new JsonLinesReader(input);
            ReadAll(reader, progress);
            bytesRead = reader.BytesRead;
            linesRead = reader.LineNumber;
        }

        var unique = _reservoirs.Values.Sum(r => r.Seen);
        if (unique == 0)
        {
            throw new CorpusInputException($"{_options.SourceName}: no prompt to build a corpus from ({linesRead} lines: {_blank} blank, {_bad} bad)");
        }

        var sampled = LengthBuckets.Names.Where(_reservoirs.ContainsKey)
            .Select(name => (Name: name, Reservoir: _reservoirs[name])).ToList();
        var written = CorpusWriter.Write(_options.Out, sampled.SelectMany(b => b.Reservoir.Items.OrderBy(p => p.Line)), TokenCounter.Default);
        var report = new CorpusBuildReport(
            _options,
            TokenCounter.Default.Encoding,
            bytesRead,
            linesRead,
            _blank,
            _bad,
            _badSamples,
            _duplicates,
            unique,
            [.. sampled.Select(b => new BucketReport(b.Name, b.Reservoir.Seen, (double)b.Reservoir.Seen / unique, b.Reservoir.Items.Count))],
            _scrubbed,
            written,
            _seen.EnsureCapacity(0) * 20L,
            clock.Elapsed);
        CorpusReportJson.Write(_options.ReportPath, report);
        return report;
    }

    private Stream OpenInput()
    {
        if (_options.From == "-")
        {
            return Console.OpenStandardInput();
        }

        try
        {
            // No FileStream buffer (size 1): JsonLinesReader reads in large blocks of its own.
            Stream file = new FileStream(_options.From, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            return _options.From.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CorpusInputException($"{_options.SourceName}: cannot read: {ex.Message}");
        }
    }

    private void ReadAll(JsonLinesReader reader, Action<long, long>? progress)
    {
        var batch = new LineBatch(_options.BatchLines, BatchBytes);
        var outcomes = new LineOutcome[_options.BatchLines];
        var more = true;
        while (more)
        {
            batch.Clear();
            while (!batch.IsFull && (more = reader.TryReadLine(out var line, out var tooLong)))
            {
                batch.Add(reader.LineNumber, line, tooLong);
            }

            Parallel.For(0, batch.Count, i => outcomes[i] = batch.IsTooLong(i)
                ? LineOutcome.Bad(batch.LineNumber(i), $"line longer than {JsonLinesReader.MaxLineBytes / (1024 * 1024)} MiB")
                : _processor.Process(batch.LineNumber(i), batch.Line(i)));
            for (var i = 0; i < batch.Count; i++)
            {
                Accept(outcomes[i]);
            }

            progress?.Invoke(reader.BytesRead, reader.LineNumber);
        }
    }

    /// <summary>In line order: the first copy of a prompt is the one kept (with its output length and category).</summary>
    private void Accept(LineOutcome outcome)
    {
        if (outcome.Blank)
        {
            _blank++;
            return;
        }

        if (outcome.Error is { } error)
        {
            if (!_options.SkipBadLines)
            {
                throw new CorpusInputException($"{_options.SourceName}:{outcome.Line}: {error} (--skip-bad-lines skips such lines)");
            }

            _bad++;
            if (_badSamples.Count < BadLineSamples)
            {
                _badSamples.Add(new BadLine(outcome.Line, error));
            }

            return;
        }

        if (!_seen.Add(outcome.Hash))
        {
            _duplicates++;
            return;
        }

        var prompt = outcome.Prompt!;
        _scrubbed.Add(outcome.Hits!);
        if (!_reservoirs.TryGetValue(prompt.Bucket, out var reservoir))
        {
            _reservoirs[prompt.Bucket] = reservoir = new Reservoir<SampledPrompt>(_options.PerBucket, _random);
        }

        reservoir.Offer(prompt);
    }
}
