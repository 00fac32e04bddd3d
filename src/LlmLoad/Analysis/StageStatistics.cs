using LlmLoad.Recording;
using LlmLoad.Traffic;

namespace LlmLoad.Analysis;

/// <summary>
/// The figures of one stage. Latency, errors and tokens cover the requests scheduled in the stage,
/// counted even in a warm-up or cool-down stage; the achieved rates count what completed within the
/// stage's span, whichever stage sent it, which is what a dashboard watching the server would show.
/// </summary>
internal sealed class StageStatistics(Stage stage)
{
    public Stage Stage => stage;

    /// <summary>The requests scheduled in this stage, as if all were measured.</summary>
    public RunStatistics Requests { get; } = new();

    /// <summary>Arrivals scheduled in the stage: sent, plus dropped at a full concurrency cap.</summary>
    public long Offered { get; internal set; }

    public long Dropped { get; internal set; }

    /// <summary>Requests that ended within the stage's span, successful or not.</summary>
    public long CompletedWithin { get; internal set; }

    /// <summary>Successful requests that ended within the stage's span.</summary>
    public long SucceededWithin { get; internal set; }

    public long OutputTokensWithin { get; internal set; }

    public double OfferedRate => PerSecond(Offered);

    public double AchievedRate => PerSecond(SucceededWithin);

    public double OutputTokensPerSecond => PerSecond(OutputTokensWithin);

    private double PerSecond(long count) => stage.Seconds > 0 ? count / stage.Seconds : 0;
}
