using LlmLoad.Shared;

namespace LlmLoad.Workload;

/// <summary>Think time of a closed-model user between a response and its next request: fixed, or uniform in [Min, Max].</summary>
internal sealed record ThinkTime(TimeSpan Min, TimeSpan Max)
{
    public const string Expected = "a think time such as 2s or 1s..5s (low..high)";

    /// <summary>Reads <c>D</c> or <c>D1..D2</c> with D1 &lt;= D2; null when it is neither.</summary>
    public static ThinkTime? Parse(string text)
    {
        var parts = text.Split("..");
        return parts.Length <= 2 && DurationText.TryParse(parts[0], out var min) && DurationText.TryParse(parts[^1], out var max) && max >= min
            ? new ThinkTime(min, max)
            : null;
    }

    public TimeSpan Sample(Random random)
        => Min == Max ? Min : Min + ((Max - Min) * random.NextDouble());
}
