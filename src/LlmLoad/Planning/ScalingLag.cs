namespace LlmLoad.Planning;

/// <summary>
/// What arrives while new replicas start (<c>--scale-up-time</c> with <c>--ramp</c>): a load rising by
/// <see cref="RampPerMinute"/> req/s every minute brings ramp × scale-up minutes more req/s before the new capacity
/// serves anything, so the headroom at the moment scaling triggers must cover at least that.
/// </summary>
internal sealed record ScalingLag(TimeSpan ScaleUpTime, decimal RampPerMinute, decimal? PeakRequestsPerSecond, decimal Headroom)
{
    /// <summary>Req/s that arrive on top of the load at the trigger while the new replicas start.</summary>
    public decimal ArrivingDuringScaleUp => RampPerMinute * (decimal)ScaleUpTime.TotalMinutes;

    /// <summary>The headroom, as a share of the peak, that covers the arrivals during the scale-up; null without a rate.</summary>
    public decimal? HeadroomNeeded => PeakRequestsPerSecond is > 0 and var peak ? ArrivingDuringScaleUp / peak : null;

    /// <summary>Whether the plan's headroom covers the scale-up; null without a rate to compare with.</summary>
    public bool? Covered => HeadroomNeeded is { } needed ? Headroom >= needed : null;
}
