namespace LlmLoad.Corpus;

/// <summary>
/// A uniform sample of at most <c>capacity</c> items from a stream of unknown length (Vitter's algorithm R):
/// the i-th item replaces a random slot with probability capacity/i. Memory is the capacity, whatever the stream.
/// </summary>
internal sealed class Reservoir<T>(int capacity, Random random)
{
    private readonly List<T> _items = new(Math.Min(capacity, 1024));

    /// <summary>Items offered so far.</summary>
    public long Seen { get; private set; }

    public IReadOnlyList<T> Items => _items;

    public void Offer(T item)
    {
        Seen++;
        if (_items.Count < capacity)
        {
            _items.Add(item);
            return;
        }

        var slot = random.NextInt64(Seen);
        if (slot < capacity)
        {
            _items[(int)slot] = item;
        }
    }
}
