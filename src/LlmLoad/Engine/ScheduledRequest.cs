using LlmLoad.Traffic;
using LlmLoad.Workload;

namespace LlmLoad.Engine;

/// <summary>A request prepared before its send time: its content and the serialized body.</summary>
internal sealed record PreparedRequest(PromptPlan Plan, byte[] Body);

/// <summary>
/// A request the engine released: <see cref="ScheduledAt"/> is its intended send time (timestamp ticks);
/// <see cref="Stage"/> the stage it was scheduled in, null without stages.
/// </summary>
internal sealed record ScheduledRequest(long Seq, bool Warmup, long ScheduledAt, PreparedRequest Request, Stage? Stage = null)
{
    /// <summary>Which session and turn this request is, in a run of multi-turn sessions; null otherwise.</summary>
    public SessionTurn? Session { get; init; }
}

/// <summary>Turn <see cref="Turn"/> (from 1) of the <see cref="Turns"/> of session <see cref="Id"/>.</summary>
internal readonly record struct SessionTurn(long Id, int Turn, int Turns);

/// <summary>What the engine drives: it prepares a request ahead of time, then sends it and records the outcome.</summary>
internal interface IRequestExecutor
{
    /// <param name="inputTokens">The prompt length a replayed trace asks for; null draws it from the workload.</param>
    /// <param name="outputTokens">Likewise for the output length.</param>
    PreparedRequest Prepare(long seq, int? inputTokens = null, int? outputTokens = null);

    /// <summary>Sends and records; never throws for a failed request.</summary>
    /// <param name="stopSending">Cancelled when the run stops sending: a session sends no further turn.</param>
    /// <param name="abort">Cancelled when requests in flight must stop (the grace period is over).</param>
    Task ExecuteAsync(ScheduledRequest request, CancellationToken stopSending, CancellationToken abort);

    /// <summary>An open-loop arrival not sent because the concurrency cap was full: it still counts in the offered load.</summary>
    void Dropped(ScheduledRequest request)
    {
    }
}
