namespace LlmLoad.Corpus.Scrubbing;

/// <summary>Hits per <see cref="PiiKind"/>; mutable, owned by one thread at a time.</summary>
public sealed class ScrubCounts
{
    private readonly long[] _counts = new long[PiiPlaceholders.All.Count];

    public long this[PiiKind kind] => _counts[(int)kind];

    public long Total => _counts.Sum();

    public void Add(PiiKind kind, long hits = 1) => _counts[(int)kind] += hits;

    public void Add(ScrubCounts other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }
    }

    public void Clear() => Array.Clear(_counts);
}
