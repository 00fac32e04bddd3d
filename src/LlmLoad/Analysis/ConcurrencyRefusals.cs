using LlmLoad.Providers;
using LlmLoad.Recording;

namespace LlmLoad.Analysis;

/// <summary>
/// Requests sent and refused for concurrency by how many others were in flight at the send, to say at which level a
/// per-key concurrency cap began. The client's count and the server's differ by the requests whose last bytes are on the
/// wire, so the first or the lowest refused level alone can be one off; the level from which most sends were refused is
/// the cap as the client meets it.
/// </summary>
internal sealed class ConcurrencyRefusals
{
    private readonly SortedDictionary<int, (long Sent, long Refused)> _byLevel = [];

    public long Refused { get; private set; }

    /// <summary>In flight at the send of the first concurrency refusal (by send order); null without one.</summary>
    public int? FirstRefusedInFlight { get; private set; }

    private double _firstRefusedSentMs = double.MaxValue;

    public int? LowestRefusedInFlight { get; private set; }

    /// <summary>Per in-flight level (others in flight at the send): requests sent, and refused for concurrency.</summary>
    public IReadOnlyDictionary<int, (long Sent, long Refused)> ByLevel => _byLevel;

    /// <summary>
    /// The in-flight level from which on at least half the sends were refused for concurrency, at that level and every
    /// level above it: where the cap began. A burst at the start can refuse a request whose send the client counted
    /// early (its connection opened last), so one refusal at a low level does not set it. The lowest refused level when
    /// no level qualifies; null without concurrency refusals.
    /// </summary>
    public int? BeganAtInFlight
    {
        get
        {
            if (Refused == 0)
            {
                return null;
            }

            int? began = null;
            foreach (var (level, (sent, refused)) in _byLevel.Reverse())
            {
                if (refused * 2 < sent)
                {
                    break;
                }

                began = level;
            }

            return began ?? LowestRefusedInFlight;
        }
    }

    public void Add(RequestRecord record)
    {
        var level = record.InFlightAtSend;
        var refused = record.Error == ErrorClass.RateLimited && record.RateLimitKind == RefusalKind.Concurrency;
        var counts = _byLevel.GetValueOrDefault(level);
        _byLevel[level] = (counts.Sent + 1, counts.Refused + (refused ? 1 : 0));
        if (!refused)
        {
            return;
        }

        Refused++;
        LowestRefusedInFlight = LowestRefusedInFlight is { } lowest ? Math.Min(lowest, level) : level;
        if (record.SentMs < _firstRefusedSentMs)
        {
            _firstRefusedSentMs = record.SentMs;
            FirstRefusedInFlight = level;
        }
    }
}
