namespace LlmLoad.Cli;

/// <summary>Process exit codes (README.md, "SLOs and exit codes"; additions in docs/contract.md).</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int InternalError = 1;
    public const int InvalidInput = 2;
    public const int StoppedEarly = 3;

    /// <summary>find-limit only: every step held within the time and request budget, so the limit is above the highest load tried.</summary>
    public const int NoLimitFound = 4;
    public const int CheckFailed = 5;
    public const int ThresholdFailed = 99;
}
