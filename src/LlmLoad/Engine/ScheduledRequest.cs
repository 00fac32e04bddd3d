using LlmLoad.Traffic;
using LlmLoad.Workload;

namespace LlmLoad.Engine;

/// <summary>A request prepared before its send time: its content and the serialized body.</summary>
internal sealed record PreparedRequest(PromptPlan Plan, byte[] Body);

/// <summary>
/// A request the engine released: <see cref="ScheduledAt"/> is its intended send time (timestamp ticks);
/// <see cref="Stage"/> the stage it was scheduled in, null without stages.
/// </summary>
internal sealed record ScheduledRequest(long Seq, bool Warmup, long ScheduledAt, PreparedRequest Request, Stage? Stage = null);

/// <summary>What the engine drives: it prepares a request ahead of time, then sends it and records the outcome.</summary>
internal interface IRequestExecutor
{
    /// <param name="inputTokens">The prompt length a replayed trace asks for; null draws it from the workload.</param>
    /// <param name="outputTokens">Likewise for the output length.</param>
    PreparedRequest Prepare(long seq, int? inputTokens = null, int? outputTokens = null);

    /// <summary>Sends and records; never throws for a failed request.</summary>
    Task ExecuteAsync(ScheduledRequest request, CancellationToken abort);

    /// <summary>An open-loop arrival not sent because the concurrency cap was full: it still counts in the offered load.</summary>
    void Dropped(ScheduledRequest request)
    {
    }
}
