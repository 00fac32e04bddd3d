namespace LlmLoad.FindLimit;

/// <summary>
/// Where a limit lies according to the steps so far: the highest passing load under the lowest failing
/// one. Interrupted steps do not count. Noise can make a higher load pass after a lower one failed; the
/// lowest failure wins, so the limit reported is never above a load that was seen to fail.
/// </summary>
/// <param name="Below">The highest passing step under <paramref name="Above"/>; null when none passed there.</param>
/// <param name="Above">The lowest failing step; null when none failed.</param>
internal sealed record Bracket(StepResult? Below, StepResult? Above)
{
    /// <summary>Below the knee every rule holds.</summary>
    public static Bracket Knee(IEnumerable<StepResult> steps) => Of(steps, s => s.Verdict != StepVerdict.Ok);

    /// <summary>Below the saturation point the server keeps up, whatever the SLOs say.</summary>
    public static Bracket Saturation(IEnumerable<StepResult> steps) => Of(steps, s => s.Verdict.IsCapacityBreak());

    /// <summary>Both ends are known and close enough: within <paramref name="tolerance"/> of the lower end, or adjacent whole numbers of concurrency.</summary>
    public bool IsNarrow(LoadAxis axis, double tolerance)
        => Below is not null && Above is not null && (Above.Load - Below.Load <= tolerance * Below.Load || Midpoint(axis) is null);

    /// <summary>The load halfway between both ends, rounded to 3 significant figures (whole numbers on the concurrency axis); null when no load lies between them.</summary>
    public double? Midpoint(LoadAxis axis)
    {
        if (Below is null || Above is null)
        {
            return null;
        }

        var middle = (Below.Load + Above.Load) / 2;
        middle = axis == LoadAxis.Concurrency ? Math.Floor(middle) : RoundSignificant(middle, 3);
        return middle > Below.Load && middle < Above.Load ? middle : null;
    }

    public static double RoundSignificant(double value, int digits)
    {
        if (value <= 0)
        {
            return value;
        }

        var scale = Math.Pow(10, digits - 1 - (int)Math.Floor(Math.Log10(value)));
        return Math.Round(value * scale) / scale;
    }

    private static Bracket Of(IEnumerable<StepResult> steps, Func<StepResult, bool> fails)
    {
        var complete = steps.Where(s => s.Complete).ToList();
        var above = complete.Where(fails).MinBy(s => s.Load);
        var below = complete.Where(s => !fails(s) && (above is null || s.Load < above.Load)).MaxBy(s => s.Load);
        return new Bracket(below, above);
    }
}
