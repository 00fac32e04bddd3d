using LlmLoad.Corpus.Scrubbing;

namespace LlmLoad.Corpus;

/// <summary>
/// One log line after the parallel stage (parse, scrub, fingerprint, count tokens); the sequential stage then
/// removes duplicates and samples in line order, so the result does not depend on thread timing.
/// </summary>
internal readonly record struct LineOutcome(long Line, SampledPrompt? Prompt, ulong Hash, ScrubCounts? Hits, string? Error, bool Blank)
{
    public static LineOutcome Bad(long line, string error) => new(line, null, 0, null, error, false);

    public static LineOutcome Empty(long line) => new(line, null, 0, null, null, true);
}
