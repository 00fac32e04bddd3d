using System.Diagnostics;

namespace LlmLoad.Simulator.RateLimiting;

/// <summary>
/// A bucket of <see cref="Limit"/> units that refills continuously at limit per minute. Not thread-safe:
/// the <see cref="RateLimiter"/> serialises access. Times are Stopwatch timestamps, passed in so tests
/// can step time exactly.
/// </summary>
internal sealed class TokenBucket
{
    private readonly double _perTick;
    private double _level;
    private long _updatedAt;

    public TokenBucket(RateLimitKind kind, long limit, long now)
    {
        Kind = kind;
        Limit = limit;
        _perTick = limit / 60.0 / Stopwatch.Frequency;
        _level = limit;
        _updatedAt = now;
    }

    public RateLimitKind Kind { get; }

    public long Limit { get; }

    public void Refill(long now)
    {
        if (now > _updatedAt)
        {
            _level = Math.Min(Limit, _level + ((now - _updatedAt) * _perTick));
            _updatedAt = now;
        }
    }

    public bool Has(long cost) => cost <= _level;

    public void Take(long cost) => _level -= cost;

    /// <summary>How long until <paramref name="cost"/> fits; null when it never can (more than the whole limit).</summary>
    public TimeSpan? WaitFor(long cost) => cost > Limit ? null : Ticks(Math.Max(0, cost - _level));

    public RateLimitState State() => new(Kind, Limit, (long)Math.Floor(_level), Ticks(Limit - _level));

    private TimeSpan Ticks(double units) => Stopwatch.GetElapsedTime(0, (long)Math.Ceiling(units / _perTick));
}
