namespace LlmLoad.Cli;

/// <summary>Process exit codes (../shared/CONTRACT.md).</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int InternalError = 1;
    public const int InvalidInput = 2;
    public const int StoppedEarly = 3;
    public const int ThresholdFailed = 99;
}
