using LlmLoad.Providers;
using LlmLoad.Recording;

namespace LlmLoad.Analysis;

/// <summary>
/// The rate limits a run ran into, from the responses' own headers: the limits the API announced, how
/// close the run came to them (the lowest remaining counts), and the refusals with how long the API
/// asked the client to wait, which limit refused them, and when the first came. This is what tells
/// "the server is slow" from "our tier is too small".
/// </summary>
internal sealed class RateLimitSummary
{
    private readonly LatencyHistogram _retryAfterMs = new();
    private readonly long[] _byKind = new long[Enum.GetValues<RefusalKind>().Length];

    /// <summary>Measured responses that carried rate-limit headers.</summary>
    public long ResponsesWithHeaders { get; private set; }

    public long? LimitRequests { get; private set; }

    public long? LimitTokens { get; private set; }

    public long? MinRemainingRequests { get; private set; }

    public long? MinRemainingTokens { get; private set; }

    /// <summary>Anthropic's input-token limit (ITPM) and its lowest remaining count.</summary>
    public AnnouncedLimit InputTokens { get; } = new();

    /// <summary>Anthropic's output-token limit (OTPM).</summary>
    public AnnouncedLimit OutputTokens { get; } = new();

    /// <summary>Measured requests refused with 429.</summary>
    public long RateLimited { get; private set; }

    public LatencyStats RetryAfterMs => _retryAfterMs.Stats();

    /// <summary>When the first 429 came back, in ms since the run's start; null without one.</summary>
    public double? FirstRefusalMs { get; private set; }

    public RefusalKind? FirstRefusalKind { get; private set; }

    /// <summary>Requests that were not refused (the ones a per-minute limit charged) and their tokens: the workload's tokens per request.</summary>
    public long Admitted { get; private set; }

    public long AdmittedInputTokens { get; private set; }

    public long AdmittedOutputTokens { get; private set; }

    /// <summary>Refusals by the in-flight count at their send, to find where a concurrency cap began.</summary>
    public ConcurrencyRefusals Concurrency { get; } = new();

    public bool IsEmpty => ResponsesWithHeaders == 0 && RateLimited == 0;

    public long RefusedBy(RefusalKind kind) => _byKind[(int)kind];

    public void Add(RequestRecord record)
    {
        Concurrency.Add(record);
        if (record.Error == ErrorClass.RateLimited)
        {
            RateLimited++;
            var kind = record.RateLimitKind ?? RefusalKind.Unknown;
            _byKind[(int)kind]++;
            var at = record.SentMs + (record.E2eMs ?? 0);
            if (FirstRefusalMs is not { } first || at < first)
            {
                FirstRefusalMs = at;
                FirstRefusalKind = kind;
            }
        }
        else if (record.Succeeded)
        {
            Admitted++;
            AdmittedInputTokens += record.InputTokens ?? 0;
            AdmittedOutputTokens += record.OutputTokens ?? 0;
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

        if (!observed.HasLimits)
        {
            return;
        }

        ResponsesWithHeaders++;
        LimitRequests = observed.LimitRequests ?? LimitRequests;
        LimitTokens = observed.LimitTokens ?? LimitTokens;
        MinRemainingRequests = Min(MinRemainingRequests, observed.RemainingRequests);
        MinRemainingTokens = Min(MinRemainingTokens, observed.RemainingTokens);
        InputTokens.Add(observed.InputTokens.Limit, observed.InputTokens.Remaining);
        OutputTokens.Add(observed.OutputTokens.Limit, observed.OutputTokens.Remaining);
    }

    private static long? Min(long? current, long? value) => (current, value) switch
    {
        (null, _) => value,
        (_, null) => current,
        _ => Math.Min(current.Value, value.Value),
    };
}
