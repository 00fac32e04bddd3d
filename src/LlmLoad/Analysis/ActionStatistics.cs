using LlmLoad.Recording;

namespace LlmLoad.Analysis;

/// <summary>
/// Per user action (a multi-turn session): how long the user waited in all (the sum of its turns' E2E,
/// think time excluded), how long it took from first send to last answer (think time included), its
/// turns and tokens. A session is closed by its last turn's record, or by a failed turn, which ends it.
/// Measured sessions only; fed by the recorder thread.
/// </summary>
internal sealed class ActionStatistics : IRequestSink
{
    private readonly Dictionary<long, Open> _open = [];

    public long Completed { get; private set; }

    /// <summary>Sessions ended by a failed turn.</summary>
    public long Failed { get; private set; }

    public long Turns { get; private set; }

    public long InputTokens { get; private set; }

    public long OutputTokens { get; private set; }

    /// <summary>What the closed sessions cost, when the run has a price (0 otherwise).</summary>
    public decimal CostUsd { get; private set; }

    /// <summary>Sum of the turns' E2E per successful session, ms.</summary>
    public LatencyHistogram Waiting { get; } = new();

    /// <summary>First send to last end per successful session, ms, think time included.</summary>
    public LatencyHistogram Duration { get; } = new();

    /// <summary>TTFT of the first turn per session, ms: how soon the action visibly starts.</summary>
    public LatencyHistogram FirstTtft { get; } = new();

    public long Count => Completed + Failed;

    /// <summary>Sessions the run stopped (its end, Ctrl-C, a guard) before their last turn: left out of every figure above.</summary>
    public long Cut => _open.Count;

    public void OnRecord(RequestMeasurement measurement) => Add(measurement.Record);

    public void Add(RequestRecord record)
    {
        if (record.Warmup || record.SessionId is not { } id)
        {
            return;
        }

        if (!_open.TryGetValue(id, out var open))
        {
            open = new Open(record.SentMs);
            _open[id] = open;
        }

        open.WaitingMs += record.E2eMs ?? 0;
        open.EndMs = Math.Max(open.EndMs, record.SentMs + (record.E2eMs ?? 0));
        open.InputTokens += record.InputTokens ?? 0;
        open.OutputTokens += record.OutputTokens ?? 0;
        open.Turns++;
        open.CostUsd += record.CostUsd ?? 0;
        if (record.Turn == 1 && record.TtftMs is { } ttft)
        {
            FirstTtft.Record(ttft);
        }

        if (record.Succeeded && record.Turn < record.SessionTurns)
        {
            return;
        }

        _open.Remove(id);
        Turns += open.Turns;
        InputTokens += open.InputTokens;
        OutputTokens += open.OutputTokens;
        CostUsd += open.CostUsd;
        if (!record.Succeeded)
        {
            Failed++;
            return;
        }

        Completed++;
        Waiting.Record(open.WaitingMs);
        Duration.Record(open.EndMs - open.StartMs);
    }

    private sealed class Open(double startMs)
    {
        public double StartMs { get; } = startMs;

        public double EndMs { get; set; } = startMs;

        public double WaitingMs { get; set; }

        public long InputTokens { get; set; }

        public long OutputTokens { get; set; }

        public int Turns { get; set; }

        public decimal CostUsd { get; set; }
    }
}
