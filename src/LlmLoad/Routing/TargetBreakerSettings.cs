using System.Globalization;
using LlmLoad.Shared;

namespace LlmLoad.Routing;

/// <summary>
/// The circuit breaker of each target (Polly's): it opens when at least <paramref name="FailureRatio"/> of the requests
/// to the target in the last <paramref name="SamplingWindow"/> failed (counting only once <paramref name="MinimumRequests"/>
/// did), sends nothing there for <paramref name="BreakDuration"/>, then lets one probe through (half-open).
/// </summary>
internal sealed record TargetBreakerSettings(double FailureRatio, TimeSpan SamplingWindow, int MinimumRequests, TimeSpan BreakDuration)
{
    public static TargetBreakerSettings Default { get; } = new(0.5, TimeSpan.FromSeconds(5), 10, TimeSpan.FromSeconds(5));

    public const string Form = "ratio=0.5,window=5s,min=10,break=5s";

    public static TargetBreakerSettings Parse(string text)
    {
        var settings = Default;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? part : part[..equals].Trim();
            var value = equals < 0 ? "" : part[(equals + 1)..].Trim();
            settings = key switch
            {
                "ratio" => settings with { FailureRatio = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r > 0 && r <= 1 ? r : throw new FormatException($"ratio={value}: expected a failure share in (0, 1]") },
                "window" => settings with { SamplingWindow = Duration(key, value) },
                "min" => settings with { MinimumRequests = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m >= 2 ? m : throw new FormatException($"min={value}: expected a number of requests, 2 or more") },
                "break" => settings with { BreakDuration = Duration(key, value) },
                _ => throw new FormatException($"'{part}': expected {Form}"),
            };
        }

        return settings;
    }

    // Polly's own floor: a window or break under half a second is refused.
    private static TimeSpan Duration(string key, string value)
        => DurationText.TryParse(value, out var duration) && duration >= TimeSpan.FromMilliseconds(500)
            ? duration
            : throw new FormatException($"{key}={value}: expected a duration of at least 500ms, {DurationText.Expected}");
}
