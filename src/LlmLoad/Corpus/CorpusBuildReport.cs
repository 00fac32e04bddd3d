using LlmLoad.Corpus.Scrubbing;

namespace LlmLoad.Corpus;

/// <summary>What <see cref="CorpusBuilder"/> read, removed, scrubbed and wrote (written as <c>llmload.corpus-report/v1</c>).</summary>
/// <param name="LinesRead">Every line of the log, blank and bad ones included.</param>
/// <param name="BadLineSamples">The first <see cref="CorpusBuilder.BadLineSamples"/> bad lines (with <c>--skip-bad-lines</c>).</param>
/// <param name="UniquePrompts">Distinct prompts after scrubbing: the population the weights describe.</param>
/// <param name="Scrubbed">Hits by type in the distinct prompts (a duplicate's hits are not counted twice).</param>
/// <param name="DedupeTableBytes">Memory of the duplicate filter at the end: 64-bit fingerprints in a hash set.</param>
public sealed record CorpusBuildReport(
    CorpusBuildOptions Options,
    string Tokenizer,
    long BytesRead,
    long LinesRead,
    long BlankLines,
    long BadLines,
    IReadOnlyList<BadLine> BadLineSamples,
    long Duplicates,
    long UniquePrompts,
    IReadOnlyList<BucketReport> Buckets,
    ScrubCounts Scrubbed,
    long PromptsWritten,
    long DedupeTableBytes,
    TimeSpan Elapsed);

/// <summary>One length bucket: its distinct prompts, its production weight (their share) and how many were sampled.</summary>
public sealed record BucketReport(string Name, long Prompts, double Weight, int Sampled);

/// <summary>A skipped line and what was wrong with it.</summary>
public readonly record struct BadLine(long Line, string Error);
