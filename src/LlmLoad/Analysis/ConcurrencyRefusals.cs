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
    /// The lowest in-flight level at which at least half the sends were refused for concurrency: where the cap began. The
    /// lowest refused level when no level reaches half; null without concurrency refusals.
    /// </summary>
    public int? BeganAtInFlight => _byLevel.FirstOrDefault(l => l.Value.Refused > 0 && l.Value.Refused * 2 >= l.Value.Sent) is { Value.Sent: > 0 } level
        ? level.Key
        : LowestRefusedInFlight;

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
