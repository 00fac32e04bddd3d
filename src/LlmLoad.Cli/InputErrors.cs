namespace LlmLoad.Cli;

/// <summary>
/// The one way every command reports bad input: all the problems at once, each naming where the value came
/// from (file and line, or flag) and what was expected, on stderr, with exit code 2.
/// </summary>
internal static class InputErrors
{
    /// <param name="command">The command's name after "llmload", e.g. "plan"; null for the commands that send requests.</param>
    /// <param name="consequence">What did not happen, e.g. ", nothing was sent".</param>
    public static int Report(IReadOnlyList<string> errors, string? command = null, string consequence = ", nothing was sent")
    {
        Console.Error.WriteLine($"llmload{(command is null ? "" : " " + command)}: invalid input ({errors.Count} problem{(errors.Count == 1 ? "" : "s")}){consequence}:");
        foreach (var error in errors)
        {
            Console.Error.WriteLine("  " + error);
        }

        return ExitCodes.InvalidInput;
    }
}
