namespace LlmLoad.Traffic;

/// <summary>
/// A stretch of a load profile over which the level (arrivals per second, or concurrent users) moves
/// from <see cref="From"/> to <see cref="To"/>, linearly or exponentially in time. A flat segment has
/// From == To. Offsets are seconds from the segment's own start.
/// </summary>
internal sealed record LoadSegment(double Seconds, double From, double To, bool Exponential = false)
{
    private bool Flat => From == To;

    private bool IsExponential => Exponential && !Flat;

    private double Growth => Math.Log(To / From);

    public double LevelAt(double t)
    {
        if (Flat || Seconds <= 0)
        {
            return From;
        }

        var x = Math.Clamp(t / Seconds, 0, 1);
        return IsExponential ? From * Math.Exp(Growth * x) : From + ((To - From) * x);
    }

    /// <summary>The integral of the level from 0 to <paramref name="t"/>: for a rate, the expected arrivals so far.</summary>
    public double Area(double t)
    {
        t = Math.Clamp(t, 0, Seconds);
        if (Flat)
        {
            return From * t;
        }

        return IsExponential
            ? From * Seconds / Growth * (Math.Exp(Growth * t / Seconds) - 1)
            : (From * t) + ((To - From) * t * t / (2 * Seconds));
    }

    /// <summary>The offset at which <see cref="Area"/> reaches <paramref name="area"/> (at most the whole segment's area).</summary>
    public double TimeForArea(double area)
    {
        if (area <= 0)
        {
            return 0;
        }

        if (Flat)
        {
            return From > 0 ? Math.Min(Seconds, area / From) : Seconds;
        }

        var t = IsExponential
            ? Seconds / Growth * Math.Log(1 + (area * Growth / (From * Seconds)))
            // Root of (To-From)/(2 Seconds) t^2 + From t - area = 0, in the form that stays exact when From is 0.
            : 2 * area / (From + Math.Sqrt(Math.Max(0, (From * From) + (2 * (To - From) * area / Seconds))));
        return double.IsFinite(t) ? Math.Clamp(t, 0, Seconds) : Seconds;
    }

    /// <summary>The first offset at or after <paramref name="after"/> where the level is at least <paramref name="level"/>, or null.</summary>
    public double? FirstTimeAtLeast(double level, double after)
    {
        if (LevelAt(after) >= level)
        {
            return after;
        }

        if (To < level || Flat)
        {
            return null;
        }

        // Rising (From < level <= To): where the level crosses it.
        var x = IsExponential ? Math.Log(level / From) / Growth : (level - From) / (To - From);
        return Math.Max(after, Math.Min(Seconds, x * Seconds));
    }
}
