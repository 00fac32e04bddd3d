using LlmLoad.Simulator.Generation;
using LlmLoad.Workload;

namespace LlmLoad.Simulator.Timing;

/// <summary>
/// Draws, token by token, which word comes next and the absolute time it is due: arrival + time to
/// first token + the sum of the gaps before it. Draw order (TTFT, then word, gap, word, …) is fixed
/// so a seed reproduces both the timing and the text, streamed or buffered.
/// </summary>
internal sealed class TokenSchedule
{
    private readonly Random _random;
    private readonly NormalSpec _interTokenLatencyMs;
    private long _nextDue;
    private bool _started;

    public TokenSchedule(Random random, NormalSpec timeToFirstTokenMs, NormalSpec interTokenLatencyMs, long arrival)
    {
        _random = random;
        _interTokenLatencyMs = interTokenLatencyMs;
        _nextDue = arrival + MonotonicClock.TicksFromMilliseconds(timeToFirstTokenMs.Sample(random));
    }

    /// <summary>The next token: an index into <see cref="WordBytes"/> and its due Stopwatch timestamp.</summary>
    public (int WordIndex, long Due) Next()
    {
        if (_started)
        {
            _nextDue += MonotonicClock.TicksFromMilliseconds(_interTokenLatencyMs.Sample(_random));
        }

        _started = true;
        return (_random.Next(WordBytes.Count), _nextDue);
    }
}
