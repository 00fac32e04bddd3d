using System.Globalization;
using LlmLoad.Scenario;

namespace LlmLoad.Simulator.Faults;

/// <summary>Durations in fault rules: <see cref="DurationText"/>, made total and exact enough to round-trip.</summary>
internal static class FaultDuration
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        try
        {
            return DurationText.TryParse(text, out duration);
        }
        catch (OverflowException)
        {
            // "99999999999h" is well-formed but larger than a TimeSpan; it is a user's typo, not a crash.
            duration = default;
            return false;
        }
    }

    /// <summary>
    /// <see cref="DurationText.Format"/> keeps milliseconds only; finer values (possible through <c>0.0001ms</c>
    /// or a programmatic rule) are written in fractional milliseconds so that the canonical text parses back equal.
    /// </summary>
    public static string Format(TimeSpan duration) => duration.Ticks % TimeSpan.TicksPerMillisecond == 0
        ? DurationText.Format(duration)
        : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0.####}ms");
}
