namespace LlmLoad.Traffic;

/// <summary>
/// A load level over the run's time: consecutive <see cref="LoadSegment"/>s from offset 0. For an open
/// model the level is arrivals per second; for a closed model, concurrent users.
/// </summary>
internal sealed class LoadCurve
{
    private readonly LoadSegment[] _segments;
    private readonly double[] _starts;

    public LoadCurve(IEnumerable<LoadSegment> segments)
    {
        _segments = [.. segments];
        _starts = new double[_segments.Length];
        for (var i = 1; i < _segments.Length; i++)
        {
            _starts[i] = _starts[i - 1] + _segments[i - 1].Seconds;
        }
    }

    /// <summary>One level for ever (a plain <c>--rate</c> or <c>--concurrency</c> run).</summary>
    public static LoadCurve Constant(double level) => new([new LoadSegment(double.PositiveInfinity, level, level)]);

    public IReadOnlyList<LoadSegment> Segments => _segments;

    public double TotalSeconds => _segments.Length == 0 ? 0 : _starts[^1] + _segments[^1].Seconds;

    public double Peak => _segments.Length == 0 ? 0 : _segments.Max(s => Math.Max(s.From, s.To));

    public double LevelAt(double seconds)
    {
        var i = SegmentAt(seconds);
        return i < 0 ? 0 : _segments[i].LevelAt(seconds - _starts[i]);
    }

    /// <summary>The first time at or after <paramref name="after"/> when the level is at least <paramref name="level"/>, or null if it never is again.</summary>
    public double? FirstTimeAtLeast(double level, double after)
    {
        for (var i = Math.Max(0, SegmentAt(after)); i < _segments.Length; i++)
        {
            var from = Math.Max(0, after - _starts[i]);
            if (from <= _segments[i].Seconds && _segments[i].FirstTimeAtLeast(level, from) is { } t)
            {
                return _starts[i] + t;
            }
        }

        return null;
    }

    /// <summary>Walks the cumulative level (expected arrivals) forward: used to turn unit-rate arrivals into arrivals under this curve.</summary>
    public AreaCursor Cursor() => new(this);

    private int SegmentAt(double seconds)
    {
        for (var i = _segments.Length - 1; i >= 0; i--)
        {
            if (seconds >= _starts[i])
            {
                return seconds <= _starts[i] + _segments[i].Seconds ? i : -1;
            }
        }

        return -1;
    }

    /// <summary>
    /// Inverts the cumulative level, for areas asked in increasing order: time rescaling, which makes
    /// arrivals drawn at rate 1 into arrivals whose rate follows the curve, whatever their gap law.
    /// </summary>
    internal sealed class AreaCursor(LoadCurve curve)
    {
        private int _segment;
        private double _areaBefore;

        /// <summary>The time at which the cumulative level reaches <paramref name="area"/>, or null past the curve's end.</summary>
        public double? TimeForArea(double area)
        {
            var segments = curve._segments;
            while (_segment < segments.Length)
            {
                var segment = segments[_segment];
                var whole = segment.Area(segment.Seconds);
                // An arrival due exactly at a segment's end belongs to the next one with a rate above zero
                // (a pause holds none), or to none after the last: a stage is [start, end).
                if (area - _areaBefore < whole)
                {
                    return curve._starts[_segment] + segment.TimeForArea(area - _areaBefore);
                }

                _areaBefore += whole;
                _segment++;
            }

            return null;
        }
    }
}
