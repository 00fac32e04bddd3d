using LlmLoad.Pricing;

namespace LlmLoad.Planning;

/// <summary>
/// The figures a capacity plan starts from. <see cref="PlanInputsBuilder"/> fills it from the command line; a measured
/// run fills the same record (mean tokens per request, E2E mean, a target or its achieved rate) with <see cref="Measured"/> set
/// (<c>plan --from RESULTS_DIR</c>), and <see cref="CapacityPlanner.Plan"/> adds replicas and the measured assumptions.
/// </summary>
internal sealed record PlanInputs
{
    /// <summary>Spare capacity over the peak, as a share: 30% absorbs bursts above the mean rate and slower responses.</summary>
    public const decimal DefaultHeadroom = 0.30m;

    /// <summary>How much the peak grows over the planning horizon: doubling, the low end of the usual 2–3× over 6 months.</summary>
    public const decimal DefaultGrowth = 2m;

    /// <summary>Peak arrivals per second; null when only a count of requests is priced.</summary>
    public decimal? RequestsPerSecond { get; init; }

    /// <summary>Average input (prompt) tokens per request.</summary>
    public required decimal InputTokens { get; init; }

    /// <summary>Of <see cref="InputTokens"/>, the average read from the provider's prompt cache (billed at the cached price); 0 unless measured.</summary>
    public decimal CachedInputTokens { get; init; }

    /// <summary>Average output tokens per request.</summary>
    public required decimal OutputTokens { get; init; }

    /// <summary>End-to-end response time, for Little's law; null when not known.</summary>
    public ResponseTime? ResponseTime { get; init; }

    /// <summary>A number of requests to price (a test run, a day's traffic); null for none.</summary>
    public long? Requests { get; init; }

    /// <summary>Spare capacity over the peak, as a share (0.3 = 30%).</summary>
    public decimal Headroom { get; init; } = DefaultHeadroom;

    /// <summary>Factor by which the peak grows over the planning horizon.</summary>
    public decimal Growth { get; init; } = DefaultGrowth;

    /// <summary>The model, for its price and its rate-limit tiers; null when not given.</summary>
    public string? Model { get; init; }

    /// <summary>The price per token; null when neither a model nor prices were given.</summary>
    public ModelPrice? Price { get; init; }

    /// <summary>The provider's tiers for the model; null when there is no model or no table covers it.</summary>
    public TierTable? Tiers { get; init; }

    /// <summary>The measured run the figures come from (<c>plan --from DIR</c>); null for the calculator.</summary>
    public MeasuredResults? Measured { get; init; }

    /// <summary>With <see cref="Measured"/>: where <see cref="RequestsPerSecond"/> came from, in words.</summary>
    public string? TargetFrom { get; init; }

    /// <summary>How long a new replica takes to serve (<c>--scale-up-time</c>); with <see cref="RampPerMinute"/>, the scaling-lag check.</summary>
    public TimeSpan? ScaleUpTime { get; init; }

    /// <summary>How fast the load rises at the busiest time, req/s per minute (<c>--ramp</c>).</summary>
    public decimal? RampPerMinute { get; init; }
}
