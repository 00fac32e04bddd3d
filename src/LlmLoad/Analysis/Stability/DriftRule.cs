namespace LlmLoad.Analysis.Stability;

/// <summary>
/// When latency within a hold of constant load is called drift (docs/metrics.md, "Sustained-peak drift"). The article
/// holds peak for 30 minutes and more to find thermal issues; five minutes is the shortest hold checked, and each tenth
/// needs enough requests that a rank test can tell a shift from noise. Drift is a shift the Mann–Whitney test finds
/// significant at <see cref="Alpha"/> whose P95 also grew by <see cref="MinRise"/> and by the metric's floor, so that a
/// significant but harmless shift of a fast server (2 ms to 2.2 ms) is not reported.
/// </summary>
internal sealed record DriftRule
{
    public static DriftRule Default { get; } = new();

    public double MinHoldSeconds { get; init; } = 300;

    public int MinRequestsPerTenth { get; init; } = 20;

    public double Alpha { get; init; } = 0.01;

    /// <summary>The last tenth's P95 over the first tenth's, minus one.</summary>
    public double MinRise { get; init; } = 0.2;

    public double TtftFloorMs { get; init; } = 20;

    public double ItlFloorMs { get; init; } = 2;
}
