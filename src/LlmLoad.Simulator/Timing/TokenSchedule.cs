using LlmLoad.Simulator.Generation;
using LlmLoad.Simulator.Serving;

namespace LlmLoad.Simulator.Timing;

/// <summary>
/// Draws, token by token, which word comes next and the absolute time it is due. The first token is
/// due at admission into the batch + fixed overhead (the base time to first token, with its jitter) +
/// prefill of the prompt tokens not served from the prefix cache; each later one a gap after the previous, the gap set by the batch size at
/// that moment. Draw order (overhead, then word, gap, word, …) is fixed, so a seed reproduces the text
/// and, when the batch size does not change, the timing too.
/// </summary>
internal sealed class TokenSchedule
{
    private readonly Random _random;
    private readonly DecodeSpeed _decodeSpeed;
    private readonly BatchScheduler _batch;
    private long _nextDue;
    private bool _started;

    public TokenSchedule(Random random, SimulatorOptions options, DecodeSpeed decodeSpeed, BatchScheduler batch, long admittedAt, int prefillTokens)
    {
        _random = random;
        _decodeSpeed = decodeSpeed;
        _batch = batch;
        var prefillMs = options.Capacity.PrefillTokensPerSecond is { } speed ? prefillTokens * 1000.0 / speed : 0;
        FirstTokenDue = admittedAt + MonotonicClock.TicksFromMilliseconds(options.TimeToFirstTokenMs.Sample(random) + prefillMs);
        _nextDue = FirstTokenDue;
    }

    public long FirstTokenDue { get; }

    /// <summary>Moves every token not yet drawn back by <paramref name="ticks"/>.</summary>
    public void Postpone(long ticks) => _nextDue += ticks;

    /// <summary>The next token: an index into <see cref="WordBytes"/> and its due Stopwatch timestamp.</summary>
    public (int WordIndex, long Due) Next()
    {
        if (_started)
        {
            _nextDue += MonotonicClock.TicksFromMilliseconds(_decodeSpeed.SampleGapMs(_batch.Running, _random));
        }

        _started = true;
        return (_random.Next(WordBytes.Count), _nextDue);
    }
}
