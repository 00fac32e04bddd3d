namespace LlmLoad.SimBench;

/// <summary>Everything one run measured; <see cref="RunReport"/> turns it into lines.</summary>
internal sealed record RunResult
{
    public required DriverOptions Options { get; init; }

    /// <summary>From the end of warm-up to the end of sending.</summary>
    public required TimeSpan Window { get; init; }

    public required TallySnapshot InWindow { get; init; }

    /// <summary>The whole run: warm-up, window and drain.</summary>
    public required TallySnapshot Total { get; init; }

    /// <summary>Requests still in flight when the grace ran out and they were cut (not errors).</summary>
    public required int Cut { get; init; }

    public required TimeSpan Drain { get; init; }

    public required int PeakInFlight { get; init; }

    public required int PeakOpen { get; init; }

    public required double ServerPeakRunning { get; init; }

    public required int ScrapeFailures { get; init; }

    /// <summary>Send lag of the tokens the simulator flushed between the scrapes at the end of warm-up and at the end of sending.</summary>
    public required SendLagHistogram SendLagWindow { get; init; }

    /// <summary>Send lag of every token of the run, from before the first request to after the drain.</summary>
    public required SendLagHistogram SendLagRun { get; init; }

    public required CpuSample CpuWindow { get; init; }

    /// <summary>Counts of <see cref="ArrivalLagHistogram"/> over the window; null when the schedule was not given.</summary>
    public required long[]? ArrivalLagWindow { get; init; }

    public required double DriverPeakRssMb { get; init; }
}
