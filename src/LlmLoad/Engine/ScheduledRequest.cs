using LlmLoad.Traffic;

namespace LlmLoad.Engine;

/// <summary>
/// A request the engine released: <see cref="ScheduledAt"/> is its intended send time (timestamp ticks);
/// <see cref="Stage"/> the stage it was scheduled in, null without stages.
/// </summary>
internal sealed record ScheduledRequest(long Seq, bool Warmup, long ScheduledAt, PreparedRequest Request, Stage? Stage = null)
{
    /// <summary>Which session and turn this request is, in a run of multi-turn sessions; null otherwise.</summary>
    public SessionTurn? Session { get; init; }
}
