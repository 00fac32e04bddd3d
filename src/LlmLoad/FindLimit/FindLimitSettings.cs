namespace LlmLoad.FindLimit;

/// <summary>How find-limit searches: the axis, where it starts, how long each step lasts, and the budgets that bound it.</summary>
internal sealed record FindLimitSettings
{
    public static readonly TimeSpan DefaultStepDuration = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultMaxTime = TimeSpan.FromMinutes(10);
    public const double DefaultStart = 1;
    public const double DefaultTolerance = 0.05;

    /// <summary>Each climbing step multiplies the load by this, as GuideLLM's and vLLM's sweeps double theirs.</summary>
    public const double Factor = 2;

    /// <summary>A bound on the number of steps whatever the budgets say; doubling from 1 reaches a million in 20.</summary>
    public const int MaxSteps = 100;

    public LoadAxis By { get; init; } = LoadAxis.Rate;

    /// <summary>The first step's load, in req/s or requests in flight.</summary>
    public double Start { get; init; } = DefaultStart;

    /// <summary>How long each step sends.</summary>
    public TimeSpan StepDuration { get; init; } = DefaultStepDuration;

    /// <summary>How long a step may run on after it stops sending (the run's grace): a step is only started if its worst case fits the time budget.</summary>
    public TimeSpan StepGrace { get; init; }

    /// <summary>Total time budget of the search.</summary>
    public TimeSpan MaxTime { get; init; } = DefaultMaxTime;

    /// <summary>Total request budget of the search, warm-up and failures included; null for none.</summary>
    public long? MaxRequests { get; init; }

    /// <summary>
    /// Total cost budget of the search in USD (<c>--budget-usd</c>), null for none. One guard spans every step, so the
    /// search never spends more; a step is not started when what the steps so far cost per request says it would not fit.
    /// </summary>
    public decimal? BudgetUsd { get; init; }

    /// <summary>Bisection stops once the bracket is this narrow, relative to its lower end (0.05 = 5%).</summary>
    public double Tolerance { get; init; } = DefaultTolerance;
}
