using LlmLoad.Corpus.Scrubbing;
using LlmLoad.Workload;

namespace LlmLoad.Corpus;

/// <summary>The per-line work that needs no shared state: parse, scrub, fingerprint, bucket. Thread-safe.</summary>
internal sealed class LineProcessor(LengthBuckets buckets, TokenCounter tokens)
{
    public LineOutcome Process(long line, ReadOnlyMemory<byte> bytes)
    {
        if (bytes.Span.Trim(" \t"u8).IsEmpty)
        {
            return LineOutcome.Empty(line);
        }

        if (LogEntryParser.Parse(bytes, out var error) is not { } entry)
        {
            return LineOutcome.Bad(line, error!);
        }

        var hits = new ScrubCounts();
        var scrubbed = Scrub(entry, hits);
        // Counting stops once the prompt is known to be long: a 100k-token prompt costs no more than a 2k one.
        tokens.PrefixLength(scrubbed.Text, buckets.InputTokensNeeded, out var inputTokens);
        var outputTokens = entry.OutputTokens ?? (entry.OutputText is { } answer ? tokens.Count(answer) : null);
        var bucket = buckets.Name(inputTokens, outputTokens);
        return new LineOutcome(line, new SampledPrompt(line, scrubbed, outputTokens, bucket), PromptHash.Of(scrubbed), hits, null, false);
    }

    /// <summary>The prompt with personal data replaced; the answer text is dropped (only its length is kept).</summary>
    private static LogEntry Scrub(LogEntry entry, ScrubCounts hits) => entry with
    {
        Prompt = entry.Prompt is { } prompt ? PiiScrubber.Scrub(prompt, hits) : null,
        Messages = entry.Messages?.Select(m => m with { Content = PiiScrubber.Scrub(m.Content, hits) }).ToArray(),
        OutputText = null,
    };
}
