namespace LlmLoad.Simulator.Serving.PrefixCaching;

/// <summary>
/// A server-wide prompt prefix cache at message granularity: it remembers each run of leading messages it
/// has served (model, system prompt, then each earlier turn, by exact text), and a request that starts
/// with a remembered run gets that run's tokens from the cache. Each message is one entry costing its own
/// tokens (the messages before it are their own entries, as a radix tree shares them), with least recently
/// used eviction when the capacity in tokens is full; a prompt's shallower messages are kept more recent
/// than its deeper ones, so the tail of a conversation goes before the system prompt it hangs from, as
/// vLLM frees a sequence's last blocks first.
/// </summary>
/// <remarks>
/// One lock guards the map and the recency list and is held only for a few dictionary and list operations
/// per message, never across I/O; the hashing (the only work proportional to the prompt's length) is done
/// by the parser before the lock.
/// </remarks>
internal sealed class PrefixCache
{
    private readonly object _gate = new();
    private readonly Dictionary<UInt128, LinkedListNode<Entry>> _entries = [];

    /// <summary>First is the most recently used.</summary>
    private readonly LinkedList<Entry> _recency = new();
    private readonly long _capacity;
    private readonly int _minTokens;
    private readonly int _blockTokens;
    private long _used;

    /// <param name="capacityTokens">Most tokens held at once.</param>
    /// <param name="minTokens">Shortest prompt stored, and shortest matched prefix reported (OpenAI: 1,024).</param>
    /// <param name="blockTokens">Cached tokens are reported in whole blocks of this size (vLLM: 16; OpenAI: 128).</param>
    public PrefixCache(long capacityTokens, int minTokens, int blockTokens)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityTokens, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(minTokens);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockTokens, 1);
        _capacity = capacityTokens;
        _minTokens = minTokens;
        _blockTokens = blockTokens;
    }

    /// <summary>Tokens held now.</summary>
    public long UsedTokens
    {
        get
        {
            lock (_gate)
            {
                return _used;
            }
        }
    }

    /// <summary>Looks the prompt up, then stores what was not there yet (when it is long enough and fits).</summary>
    public PrefixCacheHit Serve(PromptPrefix prompt)
    {
        var boundaries = prompt.Boundaries;
        lock (_gate)
        {
            var matched = 0;
            while (matched < boundaries.Count && _entries.ContainsKey(boundaries[matched].Key))
            {
                matched++;
            }

            var matchedTokens = matched == 0 ? 0 : boundaries[matched - 1].Tokens;

            // A prefix is only worth keeping whole: stop at the first message that would take the run past the capacity.
            var stored = matched;
            if (prompt.TotalTokens >= _minTokens)
            {
                while (stored < boundaries.Count && boundaries[stored].Tokens <= _capacity)
                {
                    stored++;
                }
            }

            // Protect the matched run, then make room; the run and the new messages together fit the capacity,
            // so eviction from the least recent end never reaches them.
            MarkUsed(boundaries, matched);
            var newTokens = stored == matched ? 0 : boundaries[stored - 1].Tokens - matchedTokens;
            while (_used + newTokens > _capacity && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Key);
                _used -= oldest.Value.Tokens;
            }

            var written = 0;
            for (var i = matched; i < stored; i++)
            {
                if (!_entries.ContainsKey(boundaries[i].Key))
                {
                    var tokens = boundaries[i].Tokens - (i == 0 ? 0 : boundaries[i - 1].Tokens);
                    _entries.Add(boundaries[i].Key, _recency.AddFirst(new Entry(boundaries[i].Key, tokens)));
                    _used += tokens;
                    written += tokens;
                }
            }

            MarkUsed(boundaries, stored);
            var cached = matchedTokens >= _minTokens ? matchedTokens / _blockTokens * _blockTokens : 0;
            return new PrefixCacheHit(cached, written);
        }
    }

    /// <summary>Moves the first <paramref name="count"/> messages to the recent end, the first message most recent.</summary>
    private void MarkUsed(IReadOnlyList<PrefixBoundary> boundaries, int count)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            var node = _entries[boundaries[i].Key];
            _recency.Remove(node);
            _recency.AddFirst(node);
        }
    }

    private sealed record Entry(UInt128 Key, int Tokens);
}
