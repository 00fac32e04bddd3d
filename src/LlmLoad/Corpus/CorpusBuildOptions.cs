namespace LlmLoad.Corpus;

/// <summary>What <c>llmload corpus build</c> reads, writes and how it samples (docs/corpus.md).</summary>
public sealed record CorpusBuildOptions
{
    public const int DefaultPerBucket = 100;

    /// <summary>The log file (JSONL; <c>.gz</c> is decompressed; <c>-</c> reads standard input).</summary>
    public required string From { get; init; }

    /// <summary>The corpus file; the report goes next to it (<see cref="ReportPath"/>).</summary>
    public string Out { get; init; } = "corpus.jsonl";

    /// <summary>Prompts sampled per bucket, uniformly among the bucket's distinct prompts.</summary>
    public int PerBucket { get; init; } = DefaultPerBucket;

    /// <summary>Seeds the sampling: the same log, options and seed give the same corpus.</summary>
    public int Seed { get; init; }

    public LengthBuckets Buckets { get; init; } = new();

    /// <summary>Skip, count and report malformed lines instead of stopping at the first.</summary>
    public bool SkipBadLines { get; init; }

    /// <summary>Lines parsed, scrubbed and counted together on all cores (memory: about this many lines at once).</summary>
    public int BatchLines { get; init; } = 1024;

    /// <summary><c>corpus.jsonl</c> → <c>corpus.report.json</c>.</summary>
    public string ReportPath => Path.ChangeExtension(Out, ".report.json");

    /// <summary>How <see cref="From"/> is named in messages (<c>file:line</c>).</summary>
    public string SourceName => From == "-" ? "stdin" : From;
}
