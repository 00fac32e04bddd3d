using LlmLoad.Providers;
using LlmLoad.Recording;

namespace LlmLoad.Analysis;

/// <summary>
/// The rate limits a run ran into, from the responses' own headers: the limits the API announced, how
/// close the run came to them (the lowest remaining counts), and the refusals with how long the API
/// asked the client to wait. This is what tells "the server is slow" from "our tier is too small".
/// </summary>
internal sealed class RateLimitSummary
{
    private readonly LatencyHistogram _retryAfterMs = new();

    /// <summary>Measured responses that carried rate-limit headers.</summary>
    public long ResponsesWithHeaders { get; private set; }

    public long? LimitRequests { get; private set; }

    public long? LimitTokens { get; private set; }

    public long? MinRemainingRequests { get; private set; }

    public long? MinRemainingTokens { get; private set; }

    /// <summary>Measured requests refused with 429.</summary>
    public long RateLimited { get; private set; }

    public LatencyStats RetryAfterMs => _retryAfterMs.Stats();

    public bool IsEmpty => ResponsesWithHeaders == 0 && RateLimited == 0;

    public void Add(RequestRecord record)
    {
        if (record.Error == ErrorClass.RateLimited)
        {
            RateLimited++;
        }

        var observed = record.RateLimit;
        if (observed.IsEmpty)
        {
            return;
        }

        if (observed.RetryAfterSeconds is { } retryAfter)
        {
            _retryAfterMs.Record(retryAfter * 1000);
        }

        if (observed.LimitRequests is null && observed.LimitTokens is null)
        {
            return;
        }

        ResponsesWithHeaders++;
        LimitRequests = observed.LimitRequests ?? LimitRequests;
        LimitTokens = observed.LimitTokens ?? LimitTokens;
        MinRemainingRequests = Min(MinRemainingRequests, observed.RemainingRequests);
        MinRemainingTokens = Min(MinRemainingTokens, observed.RemainingTokens);
    }

    private static long? Min(long? current, long? value) => (current, value) switch
    {
        (null, _) => value,
        (_, null) => current,
        _ => Math.Min(current.Value, value.Value),
    };
}
