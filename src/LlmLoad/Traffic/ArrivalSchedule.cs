namespace LlmLoad.Traffic;

/// <summary>
/// The open-loop arrival times of a run, as offsets from its start. Offsets are absolute: the engine
/// sends request i at start + offset(i) whatever happened to earlier requests, so a late send never
/// shifts the ones after it (sleeping a gap after each send would drift).
/// </summary>
internal sealed class ArrivalSchedule
{
    private readonly double _rate;
    private readonly ArrivalProcess _process;
    private readonly Random _random;
    private long _index;
    private double _offsetSeconds;

    /// <param name="ratePerSecond">Mean arrivals per second; infinity sends everything at offset 0.</param>
    public ArrivalSchedule(double ratePerSecond, ArrivalProcess process, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        _rate = ratePerSecond;
        _process = process;
        _random = new Random(seed);
    }

    /// <summary>The offset of the next arrival.</summary>
    public TimeSpan Next()
    {
        if (double.IsPositiveInfinity(_rate))
        {
            return TimeSpan.Zero;
        }

        var index = _index++;
        _offsetSeconds = _process.Kind switch
        {
            // i / rate rather than a running sum: no floating-point drift over millions of arrivals.
            ArrivalKind.Constant => index / _rate,
            ArrivalKind.Poisson => _offsetSeconds + (GammaSampler.Sample(_random, 1) / _rate),
            _ => _offsetSeconds + (GammaSampler.Sample(_random, _process.Shape) / (_process.Shape * _rate)),
        };
        return TimeSpan.FromSeconds(_offsetSeconds);
    }
}
