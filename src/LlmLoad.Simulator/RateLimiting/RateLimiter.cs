namespace LlmLoad.Simulator.RateLimiting;

/// <summary>
/// The server's rate-limit buckets. A request is admitted only if every bucket that applies has room;
/// then each is charged. A refused request is charged nothing, so a client that backs off as
/// <c>retry-after</c> says gets in exactly when promised. With a short window (<see cref="RateLimits.ShortWindow"/>)
/// each limit has a second, smaller bucket that must have room too; the headers report the minute's.
/// </summary>
internal sealed class RateLimiter
{
    private readonly object _gate;
    private readonly TimeProvider _time;
    private readonly bool _charges;
    private readonly RetryAfterStyle _style;
    private readonly Limit? _requests;
    private readonly Limit? _tokens;
    private readonly Limit? _inputTokens;
    private readonly Limit? _outputTokens;

    public RateLimiter(RateLimits limits, TimeProvider time)
    {
        _gate = new object();
        _time = time;
        _charges = true;
        _style = limits.RetryAfter;
        var now = time.GetTimestamp();
        _requests = Create(RateLimitKind.Requests, limits.RequestsPerMinute, limits.ShortWindow, now);
        _tokens = Create(RateLimitKind.Tokens, limits.TokensPerMinute, limits.ShortWindow, now);
        _inputTokens = Create(RateLimitKind.InputTokens, limits.InputTokensPerMinute, limits.ShortWindow, now);
        _outputTokens = Create(RateLimitKind.OutputTokens, limits.OutputTokensPerMinute, limits.ShortWindow, now);
        Peeking = new RateLimiter(this);
    }

    /// <summary>The same buckets, read without charging: the headers of a request refused before admission (the concurrency cap).</summary>
    private RateLimiter(RateLimiter charging)
    {
        _gate = charging._gate;
        _time = charging._time;
        _charges = false;
        _style = charging._style;
        (_requests, _tokens, _inputTokens, _outputTokens) = (charging._requests, charging._tokens, charging._inputTokens, charging._outputTokens);
        Peeking = this;
    }

    public RateLimiter Peeking { get; }

    /// <summary>OpenAI style: one request, and prompt + max output tokens from the token bucket.</summary>
    public RateLimitDecision AdmitOpenAi(long promptTokens, long maxOutputTokens)
        => Admit([(_requests, 1), (_tokens, promptTokens + maxOutputTokens)]);

    /// <summary>Anthropic style: one request, prompt tokens from the input bucket, max_tokens from the output bucket.</summary>
    public RateLimitDecision AdmitAnthropic(long promptTokens, long maxOutputTokens)
        => Admit([(_requests, 1), (_inputTokens, promptTokens), (_outputTokens, maxOutputTokens)]);

    private RateLimitDecision Admit(ReadOnlySpan<(Limit? Limit, long Cost)> charges)
    {
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            (TokenBucket Bucket, RateLimitState Reported, long Cost)? refused = null;
            foreach (var (limit, cost) in charges)
            {
                if (limit is null)
                {
                    continue;
                }

                foreach (var bucket in limit.Buckets)
                {
                    bucket.Refill(now);
                    if (refused is null && !bucket.Has(cost))
                    {
                        refused = (bucket, limit.Minute.State(), cost);
                    }
                }
            }

            if (refused is null && _charges)
            {
                foreach (var (limit, cost) in charges)
                {
                    foreach (var bucket in limit?.Buckets ?? [])
                    {
                        bucket.Take(cost);
                    }
                }
            }

            var states = new List<RateLimitState>(charges.Length);
            foreach (var (limit, _) in charges)
            {
                if (limit is not null)
                {
                    states.Add(limit.Minute.State());
                }
            }

            return refused is { } r
                ? new RateLimitDecision(states, r.Reported, r.Cost, r.Bucket.WaitFor(r.Cost)) { RetryAfterStyle = _style }
                : new RateLimitDecision(states, null, 0, null) { RetryAfterStyle = _style };
        }
    }

    private Limit? Create(RateLimitKind kind, long? perMinute, TimeSpan? shortWindow, long now)
    {
        if (perMinute is not { } l)
        {
            return null;
        }

        var minute = new TokenBucket(kind, l, now, _time.TimestampFrequency);
        // A window's share of the minute, at least one unit so a small limit still admits anything.
        var burst = shortWindow is { } window ? new TokenBucket(kind, l, now, _time.TimestampFrequency, Math.Max(1, (long)Math.Floor(l * window.TotalSeconds / 60))) : null;
        return new Limit(minute, burst is null ? [minute] : [minute, burst]);
    }

    /// <summary>One limit: its minute's bucket (what the headers report) and, with a short window, that one too.</summary>
    private sealed record Limit(TokenBucket Minute, TokenBucket[] Buckets);
}
