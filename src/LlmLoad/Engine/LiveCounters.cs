namespace LlmLoad.Engine;

/// <summary>Running totals read by the live progress display; written from many threads.</summary>
public sealed class LiveCounters
{
    private long _sent;
    private long _finished;
    private long _failed;
    private long _dropped;
    private long _outputTokens;
    private readonly Lock _costGate = new();
    private decimal _spentUsd;

    public long Sent => Interlocked.Read(ref _sent);

    public long Finished => Interlocked.Read(ref _finished);

    public long Failed => Interlocked.Read(ref _failed);

    public long Dropped => Interlocked.Read(ref _dropped);

    public long OutputTokens => Interlocked.Read(ref _outputTokens);

    public long InFlight => Math.Max(0, Sent - Finished);

    /// <summary>What the finished requests cost, warm-up included; 0 when the run has no price.</summary>
    public decimal SpentUsd
    {
        get
        {
            lock (_costGate)
            {
                return _spentUsd;
            }
        }
    }

    internal void AddCost(decimal? costUsd)
    {
        if (costUsd is { } cost)
        {
            lock (_costGate)
            {
                _spentUsd += cost;
            }
        }
    }

    internal void AddSent() => Interlocked.Increment(ref _sent);

    internal void AddDropped() => Interlocked.Increment(ref _dropped);

    internal void AddFinished(bool failed, int outputTokens)
    {
        Interlocked.Add(ref _outputTokens, outputTokens);
        if (failed)
        {
            Interlocked.Increment(ref _failed);
        }

        Interlocked.Increment(ref _finished);
    }
}
