namespace LlmLoad.Analysis;

/// <summary>One limit as responses' headers announced it: the latest size seen and the lowest remaining count (null until one said).</summary>
internal sealed class AnnouncedLimit
{
    public long? Limit { get; private set; }

    public long? MinRemaining { get; private set; }

    /// <summary>Azure sends what is left without the limit, so a remaining count alone is kept too.</summary>
    public void Add(long? limit, long? remaining)
    {
        Limit = limit ?? Limit;
        if (remaining is { } left)
        {
            MinRemaining = MinRemaining is { } current ? Math.Min(current, left) : left;
        }
    }
}
