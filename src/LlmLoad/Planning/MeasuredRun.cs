
namespace LlmLoad.Planning;

/// <summary>What one <c>llmload run</c> measured, as a plan uses it: read from its summary.json by <see cref="SummaryReader"/>.</summary>
internal sealed record MeasuredRun
{
    /// <summary>The summary's path relative to the results directory.</summary>
    public required string File { get; init; }

    /// <summary><c>run.target.model</c>: the model the run asked for; null when the summary has none.</summary>
    public string? Model { get; init; }

    public required long Measured { get; init; }

    public required long Succeeded { get; init; }

    public required long Failed { get; init; }

    /// <summary>Mean input tokens per measured request, cached ones included.</summary>
    public required decimal InputTokens { get; init; }

    /// <summary>Mean input tokens per measured request that the server read from its prompt cache.</summary>
    public required decimal CachedInputTokens { get; init; }

    public required decimal OutputTokens { get; init; }

    /// <summary>Mean end-to-end response time of the successful measured requests, in seconds.</summary>
    public required decimal MeanResponseSeconds { get; init; }

    /// <summary>P95 end-to-end response time of the successful measured requests, in seconds.</summary>
    public required decimal P95ResponseSeconds { get; init; }

    /// <summary><c>throughput.requests_per_s</c>: successful requests per second over the measured window; null when absent.</summary>
    public decimal? RequestsPerSecond { get; init; }

    public decimal? OutputTokensPerSecond { get; init; }

    /// <summary><c>slo.passed</c>; null when the summary does not say.</summary>
    public bool? SlosPassed { get; init; }

    /// <summary>The expressions of the SLO checks, failed ones marked.</summary>
    public IReadOnlyList<SloCheck> SloChecks { get; init; } = [];

    /// <summary>What the run cost as it recorded it (<c>cost.total_usd</c>), when the summary has it.</summary>
    public decimal? CostUsd { get; init; }

    /// <summary>Where each figure came from.</summary>
    public required IReadOnlyList<FigureSource> Sources { get; init; }

    /// <summary>
    /// <c>rate_limits.concurrency.began_at_in_flight</c>: the in-flight level from which the run's key was refused for
    /// concurrency; null when no request was.
    /// </summary>
    public decimal? ConcurrencyCapInFlight { get; init; }
}
