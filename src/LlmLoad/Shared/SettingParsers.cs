using System.Globalization;

namespace LlmLoad.Shared;

/// <summary>
/// Parsers of setting values shared by every command's settings: each returns the value or throws
/// <see cref="FormatException"/> saying what was expected, for <see cref="ScenarioSettings.Read"/>.
/// </summary>
internal static class SettingParsers
{
    public static string OneOf(string value, IReadOnlyList<string> allowed)
        => allowed.FirstOrDefault(a => a.Equals(value, StringComparison.OrdinalIgnoreCase))
           ?? throw new FormatException($"expected one of: {string.Join(", ", allowed)}");

    public static int? Int(string value, int minimum)
        => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= minimum
            ? number
            : throw new FormatException($"expected a whole number of at least {minimum}");

    public static long? Count(string value)
        => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) && count >= 1
            ? count
            : throw new FormatException("expected a whole number of at least 1");

    public static TimeSpan? Duration(string value)
        => DurationText.TryParse(value, out var duration) ? duration : throw new FormatException("expected " + DurationText.Expected);

    public static TimeSpan? PositiveDuration(string value)
        => Duration(value) is { } duration && duration > TimeSpan.Zero ? duration : throw new FormatException("expected " + DurationText.Expected + ", greater than zero");

    public static bool? Bool(string value) => value.ToLowerInvariant() switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        _ => throw new FormatException("expected true or false"),
    };

    /// <summary>A share written as a percentage (5%) or a fraction (0.05), strictly between 0 and 1.</summary>
    public static double? Share(string value)
    {
        var percent = value.EndsWith('%');
        return double.TryParse(percent ? value[..^1] : value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
               && (percent ? number / 100 : number) is > 0 and < 1 and var share
            ? share
            : throw new FormatException("expected a share between 0 and 1 such as 5% or 0.05");
    }
}
