namespace LlmLoad.Traffic;

/// <summary>
/// The open-loop arrival times of a run, as offsets from its start. Offsets are absolute: the engine
/// sends request i at start + offset(i) whatever happened to earlier requests, so a late send never
/// shifts the ones after it (sleeping a gap after each send would drift). Gaps are drawn at rate 1
/// and mapped through the inverse of the load curve's cumulative rate (time rescaling), so a ramp or a
/// burst keeps the arrival process's character (Poisson stays Poisson) while its rate follows the curve.
/// </summary>
internal sealed class ArrivalSchedule : IArrivals
{
    private readonly LoadCurve.AreaCursor? _cursor;
    private readonly ArrivalProcess _process;
    private readonly Random _random;
    private long _index;
    private double _area;

    /// <param name="curve">Arrivals per second over time; null sends everything at offset 0.</param>
    public ArrivalSchedule(LoadCurve? curve, ArrivalProcess process, int seed)
    {
        _cursor = curve?.Cursor();
        _process = process;
        _random = new Random(seed);
    }

    /// <summary>A constant rate for ever; infinity sends everything at offset 0.</summary>
    public static ArrivalSchedule ForRate(double ratePerSecond, ArrivalProcess process, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        return new ArrivalSchedule(double.IsPositiveInfinity(ratePerSecond) ? null : LoadCurve.Constant(ratePerSecond), process, seed);
    }

    public Arrival? Next()
    {
        if (_cursor is null)
        {
            return new Arrival(TimeSpan.Zero);
        }

        var index = _index++;
        _area = _process.Kind switch
        {
            // The i-th arrival at cumulative rate i rather than a running sum: no floating-point drift over millions of arrivals.
            ArrivalKind.Constant => index,
            ArrivalKind.Poisson => _area + GammaSampler.Sample(_random, 1),
            _ => _area + (GammaSampler.Sample(_random, _process.Shape) / _process.Shape),
        };
        return _cursor.TimeForArea(_area) is { } seconds ? new Arrival(TimeSpan.FromSeconds(seconds)) : null;
    }
}
