namespace LlmLoad.FindLimit;

/// <summary>How a search ended; written as <c>outcome</c> in find-limit.json.</summary>
internal enum FindLimitOutcome
{
    /// <summary>A step passed and a higher one failed: the knee lies between them.</summary>
    KneeFound,

    /// <summary>Even the first (lowest) step failed: start lower.</summary>
    FirstStepFailed,

    /// <summary>Every step passed before the budget ran out: the limit is above the highest load tried.</summary>
    NoBreak,

    /// <summary>Ctrl-C or SIGTERM.</summary>
    Interrupted,
}

internal static class FindLimitOutcomeNames
{
    public static string ToWireName(this FindLimitOutcome outcome) => outcome switch
    {
        FindLimitOutcome.KneeFound => "knee_found",
        FindLimitOutcome.FirstStepFailed => "first_step_failed",
        FindLimitOutcome.NoBreak => "no_break",
        _ => "interrupted",
    };
}
