namespace LlmLoad.Corpus;

/// <summary>A scrubbed, distinct prompt kept by a bucket's reservoir, with what the corpus line needs.</summary>
internal sealed record SampledPrompt(long Line, LogEntry Entry, int? OutputTokens, string Bucket);
