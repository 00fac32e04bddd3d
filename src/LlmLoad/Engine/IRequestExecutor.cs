
namespace LlmLoad.Engine;

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
