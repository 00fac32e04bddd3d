using LlmLoad.Pricing;

namespace LlmLoad.Planning;

/// <summary>A capacity plan: the load at each level, the tier that fits it, the cost, and every assumption made.</summary>
/// <param name="Levels">Peak, peak with headroom, peak with headroom and growth; empty without a rate.</param>
/// <param name="Cost">Null without a price.</param>
internal sealed record CapacityPlan(PlanInputs Inputs, IReadOnlyList<PlannedLevel> Levels, PlannedCost? Cost, IReadOnlyList<string> Assumptions)
{
    /// <summary>The scale-up check (<c>--scale-up-time</c>, <c>--ramp</c>); null when not asked.</summary>
    public ScalingLag? Lag => Inputs is { ScaleUpTime: { } scaleUp, RampPerMinute: { } ramp } ? new ScalingLag(scaleUp, ramp, Inputs.RequestsPerSecond, Inputs.Headroom) : null;
}

/// <summary>One level of load and the smallest tier of <see cref="PlanInputs.Tiers"/> that carries it.</summary>
/// <param name="Key">Its name in plan.json: <c>peak</c>, <c>with_headroom</c>, <c>with_headroom_and_growth</c>.</param>
/// <param name="Label">How the console names it.</param>
/// <param name="Tier">Null when there is no tier table, or when no tier in it is large enough.</param>
internal sealed record PlannedLevel(string Key, string Label, LoadLevel Load, RateLimitTier? Tier)
{
    /// <summary>From a measured run: requests in flight by Little's law with the measured P95 response time, sized for the slow tail.</summary>
    public decimal? ConcurrencyAtP95 { get; init; }

    /// <summary>From a find-limit knee: servers needed, each carrying at most the knee rate; null without a knee.</summary>
    public decimal? Replicas { get; init; }
}

/// <summary>What the traffic costs at the given price.</summary>
/// <param name="PeakPerHour">An hour at the peak rate; null without a rate.</param>
/// <param name="GrownPerHour">An hour at the peak rate after growth (headroom is spare capacity, not traffic, so not billed); null without a rate.</param>
/// <param name="ForRequests">The requests of <see cref="PlanInputs.Requests"/>; null without a count.</param>
internal sealed record PlannedCost(ModelPrice Price, TokenCost PerRequest, TokenCost? PeakPerHour, TokenCost? GrownPerHour, TokenCost? ForRequests)
{
    /// <summary>Hours in a month: 8,760 / 12, the convention of cloud price calculators.</summary>
    public const decimal HoursPerMonth = 730m;

    public TokenCost? PeakPerMonth => PeakPerHour?.Times(HoursPerMonth);

    public TokenCost? GrownPerMonth => GrownPerHour?.Times(HoursPerMonth);
}
