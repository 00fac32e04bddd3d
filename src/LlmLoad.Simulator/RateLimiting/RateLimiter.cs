namespace LlmLoad.Simulator.RateLimiting;

/// <summary>
/// The server's rate-limit buckets. A request is admitted only if every bucket that applies has room;
/// then each is charged. A refused request is charged nothing, so a client that backs off as
/// <c>retry-after</c> says gets in exactly when promised.
/// </summary>
internal sealed class RateLimiter
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly TokenBucket? _requests;
    private readonly TokenBucket? _tokens;
    private readonly TokenBucket? _inputTokens;
    private readonly TokenBucket? _outputTokens;

    public RateLimiter(RateLimits limits, TimeProvider time)
    {
        _time = time;
        var now = time.GetTimestamp();
        _requests = Bucket(RateLimitKind.Requests, limits.RequestsPerMinute, now);
        _tokens = Bucket(RateLimitKind.Tokens, limits.TokensPerMinute, now);
        _inputTokens = Bucket(RateLimitKind.InputTokens, limits.InputTokensPerMinute, now);
        _outputTokens = Bucket(RateLimitKind.OutputTokens, limits.OutputTokensPerMinute, now);
    }

    /// <summary>OpenAI style: one request, and prompt + max output tokens from the token bucket.</summary>
    public RateLimitDecision AdmitOpenAi(long promptTokens, long maxOutputTokens)
        => Admit([(_requests, 1), (_tokens, promptTokens + maxOutputTokens)]);

    /// <summary>Anthropic style: one request, prompt tokens from the input bucket, max_tokens from the output bucket.</summary>
    public RateLimitDecision AdmitAnthropic(long promptTokens, long maxOutputTokens)
        => Admit([(_requests, 1), (_inputTokens, promptTokens), (_outputTokens, maxOutputTokens)]);

    private RateLimitDecision Admit(ReadOnlySpan<(TokenBucket? Bucket, long Cost)> charges)
    {
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            (TokenBucket Bucket, long Cost)? refused = null;
            foreach (var (bucket, cost) in charges)
            {
                bucket?.Refill(now);
                if (refused is null && bucket is not null && !bucket.Has(cost))
                {
                    refused = (bucket, cost);
                }
            }

            if (refused is null)
            {
                foreach (var (bucket, cost) in charges)
                {
                    bucket?.Take(cost);
                }
            }

            var states = new List<RateLimitState>(charges.Length);
            foreach (var (bucket, _) in charges)
            {
                if (bucket is not null)
                {
                    states.Add(bucket.State());
                }
            }

            return refused is { } r
                ? new RateLimitDecision(states, r.Bucket.State(), r.Cost, r.Bucket.WaitFor(r.Cost))
                : new RateLimitDecision(states, null, 0, null);
        }
    }

    private TokenBucket? Bucket(RateLimitKind kind, long? limit, long now)
        => limit is { } l ? new TokenBucket(kind, l, now, _time.TimestampFrequency) : null;
}
