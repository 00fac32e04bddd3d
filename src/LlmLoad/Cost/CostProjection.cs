namespace LlmLoad.Cost;

/// <summary>
/// The run's mean cost per measured request carried to a steady production rate: per hour, and per month of
/// <see cref="HoursPerMonth"/> hours held at that rate (an upper bound for traffic that has quiet hours).
/// </summary>
/// <param name="RatePerSecond">Requests per second projected to.</param>
/// <param name="RateSource"><c>target_rate</c> (<c>--target-rate</c>) or <c>achieved_rate</c> (the run's own).</param>
internal sealed record CostProjection(decimal RatePerSecond, string RateSource, decimal PerRequestUsd)
{
    /// <summary>8,760 h / 12, as cloud price calculators and <c>llmload plan</c> count a month.</summary>
    public const decimal HoursPerMonth = 730m;

    public decimal PerHourUsd => PerRequestUsd * RatePerSecond * 3600m;

    public decimal PerMonthUsd => PerHourUsd * HoursPerMonth;

    /// <summary>At <paramref name="targetRate"/> when given, else at <paramref name="achievedRate"/>; null without a cost per request or a rate.</summary>
    public static CostProjection? For(decimal? perRequestUsd, decimal? targetRate, double achievedRate)
    {
        if (perRequestUsd is not { } perRequest)
        {
            return null;
        }

        if (targetRate is { } target)
        {
            return new CostProjection(target, "target_rate", perRequest);
        }

        return achievedRate > 0 && double.IsFinite(achievedRate)
            ? new CostProjection((decimal)Math.Round(achievedRate, 3), "achieved_rate", perRequest)
            : null;
    }
}
