using LlmLoad.Providers;
using LlmLoad.Recording;

namespace LlmLoad.Analysis;

/// <summary>
/// What one time window's sends took from the rate limits, counted by send time as the providers charge at admission:
/// the requests the server admitted (answered 2xx; a 429 is not charged) and their tokens, the 429s, and what the headers announced
/// (the last limit seen, the lowest remaining count).
/// </summary>
internal sealed class RateLimitWindow
{
    public long Requests { get; private set; }

    public long InputTokens { get; private set; }

    public long OutputTokens { get; private set; }

    public long Tokens => InputTokens + OutputTokens;

    public long RateLimited { get; private set; }

    public long ConcurrencyRefused { get; private set; }

    public AnnouncedLimit AnnouncedRequests { get; } = new();

    public AnnouncedLimit AnnouncedTokens { get; } = new();

    public AnnouncedLimit AnnouncedInputTokens { get; } = new();

    public AnnouncedLimit AnnouncedOutputTokens { get; } = new();

    public void Add(RequestRecord record)
    {
        if (record.Error == ErrorClass.RateLimited)
        {
            RateLimited++;
            ConcurrencyRefused += record.RateLimitKind == RefusalKind.Concurrency ? 1 : 0;
        }
        else if (record.Status is >= 200 and < 300)
        {
            // Admitted: a 2xx, even one whose stream broke later. A 5xx or a connection that never answered was not charged.
            Requests++;
            InputTokens += record.InputTokens ?? 0;
            OutputTokens += record.OutputTokens ?? 0;
        }

        var observed = record.RateLimit;
        AnnouncedRequests.Add(observed.LimitRequests, observed.RemainingRequests);
        AnnouncedTokens.Add(observed.LimitTokens, observed.RemainingTokens);
        AnnouncedInputTokens.Add(observed.InputTokens.Limit, observed.InputTokens.Remaining);
        AnnouncedOutputTokens.Add(observed.OutputTokens.Limit, observed.OutputTokens.Remaining);
    }
}
