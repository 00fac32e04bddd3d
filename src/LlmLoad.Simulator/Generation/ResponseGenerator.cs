using System.Diagnostics;
using LlmLoad.Simulator.Faults;
using LlmLoad.Simulator.Serving;
using LlmLoad.Simulator.Timing;

namespace LlmLoad.Simulator.Generation;

/// <summary>
/// One response being generated: it waits for a seat in the batch, then yields its tokens each at its
/// due time, and records how late each left (the simulator's own schedule error). Both streamed and
/// buffered responses walk it token by token, so decode speed follows the batch size for both.
/// </summary>
internal sealed class ResponseGenerator(ServingEngine engine, CompletionPlan plan, BatchSeat seat, FaultRule? midStreamFault) : IDisposable
{
    private TokenSchedule? _schedule;
    private PacedWaiter? _waiter;
    private long _lastDue;
    private int _sent;

    public CompletionPlan Plan => plan;

    /// <summary>How the server's reasoning model shows its thinking, for the APIs whose answer depends on the profile.</summary>
    public SimulatedReasoning Reasoning => engine.Options.Reasoning;

    /// <summary>A fault to inject after some tokens of the stream (cut, stall, malformed chunk, error event), or null.</summary>
    public FaultRule? MidStreamFault => midStreamFault;

    /// <summary>The mid-stream fault due before token <paramref name="index"/> (0-based), or null.</summary>
    public FaultRule? FaultBefore(int index) => midStreamFault?.AfterTokens == index ? midStreamFault : null;

    /// <summary>Whether the mid-stream fault fires at all: only when the response is longer than its position.</summary>
    public bool FaultFires => midStreamFault?.AfterTokens < plan.CompletionTokens;

    /// <summary>How long the request waited for a batch slot (zero when it never got one).</summary>
    public TimeSpan QueueTime => seat.AdmittedAt == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(seat.JoinedAt, seat.AdmittedAt);

    public int TokensSent => _sent;

    /// <summary>Waits in the queue for a batch slot; false when the client left first.</summary>
    public async ValueTask<bool> WaitForBatchAsync(CancellationToken cancellationToken)
    {
        if (!await seat.WaitAsync(cancellationToken))
        {
            return false;
        }

        engine.Metrics.PromptTokens(plan.PromptTokens);
        if (engine.PrefixCache is not null)
        {
            engine.Metrics.PrefixCacheQueried(plan.PromptTokens, plan.CachedPromptTokens);
        }

        _waiter = new PacedWaiter(cancellationToken);
        // Cached tokens skip prefill: only the rest is computed before the first token.
        _schedule = new TokenSchedule(plan.Random, engine.Options, engine.DecodeSpeed, engine.Scheduler, seat.AdmittedAt, plan.PromptTokens - plan.CachedPromptTokens);
        return true;
    }

    /// <summary>Draws the next token: its word and when it is due.</summary>
    public ScheduledToken NextToken()
    {
        var (wordIndex, due) = _schedule!.Next();
        return new ScheduledToken(wordIndex, due);
    }

    /// <summary>Waits until the token is due; false when the client left. Allocates nothing.</summary>
    public ValueTask<bool> WaitForAsync(ScheduledToken token) => _waiter!.WaitUntilAsync(token.Due);

    /// <summary>Generation pauses (a stalled server): every later token moves back by <paramref name="stall"/>.</summary>
    public void Stall(TimeSpan stall) => _schedule!.Postpone(MonotonicClock.TicksFromMilliseconds(stall.TotalMilliseconds));

    /// <summary>Call once the token has left (flushed, or for a buffered response, generated).</summary>
    public void TokenDone(ScheduledToken token)
    {
        var now = Stopwatch.GetTimestamp();
        double? gap = _sent == 0 ? null : Stopwatch.GetElapsedTime(_lastDue, token.Due).TotalSeconds;
        engine.Metrics.TokenSent(Math.Max(0, Stopwatch.GetElapsedTime(token.Due, now).TotalSeconds), gap);
        _lastDue = token.Due;
        _sent++;
    }

    public void Dispose() => _waiter?.Dispose();
}
