using System.CommandLine;
using LlmLoad.Cli;

var root = new RootCommand("llmload: load tests for LLM APIs (time to first token, inter-token latency, tails, throughput) with a built-in simulator.")
{
    RunCommand.Create(),
    SimulateCommand.Create(),
};

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0 && parsed.Action is not System.CommandLine.Help.HelpAction)
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"error: {error.Message}");
    }

    Console.Error.WriteLine("Run 'llmload --help' or 'llmload COMMAND --help' for the options.");
    return ExitCodes.InvalidInput;
}

try
{
    // Ctrl-C and SIGTERM are handled by the commands themselves: a run must write its results first.
    return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false });
}
catch (Exception ex)
{
    Console.Error.WriteLine($"internal error (a bug in llmload, please report it): {ex.GetType().Name}: {ex.Message}");
    if (Environment.GetEnvironmentVariable("LLMLOAD_DEBUG") is not null)
    {
        Console.Error.WriteLine(ex);
    }

    return ExitCodes.InternalError;
}
