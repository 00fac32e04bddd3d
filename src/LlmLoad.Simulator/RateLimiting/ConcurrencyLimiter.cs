namespace LlmLoad.Simulator.RateLimiting;

/// <summary>
/// The per-key cap on requests in flight (<see cref="RateLimits.MaxConcurrentRequests"/>), as some providers limit
/// concurrent requests independently of their per-minute budgets. A request holds its place from admission until its
/// answer is written in full (or the client leaves); requests without a key share one place count.
/// </summary>
internal sealed class ConcurrencyLimiter(int limit)
{
    private readonly Dictionary<string, int> _inFlight = new(StringComparer.Ordinal);

    public int Limit => limit;

    /// <returns>A lease to dispose when the request ends, or null when the key already has <see cref="Limit"/> in flight.</returns>
    public IDisposable? TryEnter(string? key)
    {
        key ??= "";
        lock (_inFlight)
        {
            var count = _inFlight.GetValueOrDefault(key);
            if (count >= limit)
            {
                return null;
            }

            _inFlight[key] = count + 1;
        }

        return new Lease(this, key);
    }

    private void Leave(string key)
    {
        lock (_inFlight)
        {
            if (--_inFlight[key] == 0)
            {
                _inFlight.Remove(key);
            }
        }
    }

    private sealed class Lease(ConcurrencyLimiter owner, string key) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Leave(key);
            }
        }
    }
}
