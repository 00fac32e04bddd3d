namespace LlmLoad.FindLimit;

/// <summary>What a search found: every step in the order run, and the two limits they bracket.</summary>
/// <param name="StoppedBecause">Why the search ended, in words: its precision reached, or which budget ran out.</param>
/// <param name="BudgetRanOut">A budget ended the search before both limits were bracketed to the tolerance.</param>
internal sealed record FindLimitResult(
    FindLimitSettings Settings,
    IReadOnlyList<StepResult> Steps,
    FindLimitOutcome Outcome,
    string StoppedBecause,
    bool BudgetRanOut,
    double ElapsedSeconds,
    long RequestsSent)
{
    /// <summary>The highest load at which every rule held, and the lowest at which one failed.</summary>
    public Bracket Knee => Bracket.Knee(Steps);

    /// <summary>The highest load the server kept up with, and the lowest at which it saturated or its queue grew.</summary>
    public Bracket Saturation => Bracket.Saturation(Steps);

    /// <summary>The steps by load: the curve.</summary>
    public IEnumerable<StepResult> Curve => Steps.OrderBy(s => s.Load).ThenBy(s => s.Index);
}
