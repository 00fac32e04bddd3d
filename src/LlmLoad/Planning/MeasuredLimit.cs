namespace LlmLoad.Planning;

/// <summary>A limit <c>llmload find-limit</c> found for one server (replica): the knee or the saturation point.</summary>
/// <param name="Load">The highest load that held: requests per second, or requests in flight on the concurrency axis.</param>
/// <param name="ByRate">True when <paramref name="Load"/> is a rate (<c>search.by: rate</c>), false for concurrency.</param>
/// <param name="AchievedRate">Successful requests per second at that load (the step's steady part); null when not recorded.</param>
/// <param name="Concurrency">Requests in flight at that load by Little's law (achieved rate × mean E2E); null when not recorded.</param>
/// <param name="Step">The step that ran that load; its directory is in the curve.</param>
/// <param name="FailingLoad">The lowest load that failed; null when none did.</param>
/// <param name="FailingVerdict">Why that load failed: <c>slo_failed</c>, <c>queue_growing</c>, <c>saturated</c>.</param>
internal sealed record MeasuredLimit(
    decimal Load, bool ByRate, decimal? AchievedRate, decimal? Concurrency, int? Step, decimal? FailingLoad, string? FailingVerdict)
{
    public string Unit => ByRate ? "req/s" : "concurrent requests";

    /// <summary>
    /// Requests per second one replica sustains: by rate, the load offered that held (the achieved rate of a Poisson
    /// step wobbles around it); by concurrency, the throughput measured at that concurrency.
    /// </summary>
    public decimal? RatePerReplica => ByRate ? Load : AchievedRate;
}
