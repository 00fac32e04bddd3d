using System.Globalization;
using LlmLoad.Shared;

namespace LlmLoad.Simulator.Faults;

/// <summary>Durations in fault rules are read with <see cref="DurationText"/>; written exactly enough to round-trip.</summary>
internal static class FaultDuration
{
    /// <summary>
    /// <see cref="DurationText.Format"/> keeps milliseconds only; finer values (possible through <c>0.0001ms</c>
    /// or a programmatic rule) are written in fractional milliseconds so that the canonical text parses back equal.
    /// </summary>
    public static string Format(TimeSpan duration) => duration.Ticks % TimeSpan.TicksPerMillisecond == 0
        ? DurationText.Format(duration)
        : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0.####}ms");
}
