namespace LlmLoad.Analysis.Slo;

/// <summary>The comparison an objective makes between the measured value and its threshold.</summary>
internal enum SloComparison
{
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

internal static class SloComparisonText
{
    public const string Expected = "<, <=, > or >=";

    public static string ToText(this SloComparison comparison) => comparison switch
    {
        SloComparison.Less => "<",
        SloComparison.LessOrEqual => "<=",
        SloComparison.Greater => ">",
        _ => ">=",
    };

    public static bool Holds(this SloComparison comparison, double value, double threshold) => comparison switch
    {
        SloComparison.Less => value < threshold,
        SloComparison.LessOrEqual => value <= threshold,
        SloComparison.Greater => value > threshold,
        _ => value >= threshold,
    };
}
