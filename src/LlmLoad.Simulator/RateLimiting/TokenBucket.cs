namespace LlmLoad.Simulator.RateLimiting;

/// <summary>
/// A bucket of <see cref="Capacity"/> units (the whole <see cref="Limit"/> unless a short window makes it smaller)
/// that refills continuously at limit per minute. Not thread-safe:
/// the <see cref="RateLimiter"/> serialises access. Times are timestamps of the server's
/// <see cref="TimeProvider"/>, passed in so tests can step time exactly.
/// </summary>
internal sealed class TokenBucket
{
    private readonly double _perTick;
    private readonly double _timeSpanTicksPerTick;
    private double _level;
    private long _updatedAt;

    /// <param name="timestampFrequency">Timestamp ticks per second (<see cref="TimeProvider.TimestampFrequency"/>).</param>
    /// <param name="capacity">What the bucket holds when full; the per-minute limit when null.</param>
    public TokenBucket(RateLimitKind kind, long limit, long now, long timestampFrequency, long? capacity = null)
    {
        Kind = kind;
        Limit = limit;
        Capacity = capacity ?? limit;
        _perTick = limit / 60.0 / timestampFrequency;
        _timeSpanTicksPerTick = (double)TimeSpan.TicksPerSecond / timestampFrequency;
        _level = Capacity;
        _updatedAt = now;
    }

    public RateLimitKind Kind { get; }

    public long Limit { get; }

    public long Capacity { get; }

    public void Refill(long now)
    {
        if (now > _updatedAt)
        {
            _level = Math.Min(Capacity, _level + ((now - _updatedAt) * _perTick));
            _updatedAt = now;
        }
    }

    public bool Has(long cost) => cost <= _level;

    public void Take(long cost) => _level -= cost;

    /// <summary>How long until <paramref name="cost"/> fits; null when it never can (more than the whole limit).</summary>
    public TimeSpan? WaitFor(long cost) => cost > Capacity ? null : Ticks(Math.Max(0, cost - _level));

    public RateLimitState State() => new(Kind, Limit, (long)Math.Floor(_level), Ticks(Capacity - _level));

    private TimeSpan Ticks(double units) => TimeSpan.FromTicks((long)(Math.Ceiling(units / _perTick) * _timeSpanTicksPerTick));
}
