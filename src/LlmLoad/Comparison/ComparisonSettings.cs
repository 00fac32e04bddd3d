namespace LlmLoad.Comparison;

/// <summary>How a comparison tests: alpha, the interval's level (1 − alpha), resamples and their seed, the significance rule.</summary>
internal sealed record ComparisonSettings
{
    public const double DefaultAlpha = 0.05;

    public double Alpha { get; init; } = DefaultAlpha;

    public int Resamples { get; init; } = PercentileBootstrap.DefaultResamples;

    public int Seed { get; init; } = PercentileBootstrap.DefaultSeed;

    public SignificanceRule Significance { get; init; } = SignificanceRule.Both;

    /// <summary>The confidence level of the bootstrap interval: 1 − alpha, so that "the interval excludes 0" and "p &lt; alpha" speak of the same risk.</summary>
    public double Level => 1 - Alpha;
}
