using System.CommandLine;
using LlmLoad.Cli;

// Socket reads complete on the epoll thread instead of hopping to the thread pool: the timestamp of
// every streamed chunk is then taken without waiting for a pool thread, and the hop's CPU is saved
// (bench/README.md has the measurements). Read once, at the first socket use, so it is set here.
const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
if (Environment.GetEnvironmentVariable(InlineCompletions) is null)
{
    Environment.SetEnvironmentVariable(InlineCompletions, "1");
}

var root = new RootCommand("llmload: load tests for LLM APIs (time to first token, inter-token latency, tails, throughput) with a built-in simulator.")
{
    RunCommand.Create(),
    SimulateCommand.Create(),
    FindLimitCommand.Create(),
    PlanCommand.Create(),
    CompareCommand.Create(),
    CorpusCommand.Create(),
    EstimateCommand.Create(),
    ReportCommand.Create(),
    MergeCommand.Create(),
};
RootHelp.Install(root, new Dictionary<string, string>
{
    ["run"] = "Run a load test and write requests.jsonl, summary.json, timeseries.csv, report.html and junit.xml; with no --url, against the built-in simulator.",
    ["simulate"] = "Start the built-in LLM API simulator as a standalone server (OpenAI and Anthropic APIs, /metrics, faults).",
    ["find-limit"] = "Raise the load step by step and report the knee (highest load within the SLOs) and the saturation point.",
    ["plan"] = "Plan capacity and cost from a few figures or from a measured run; sends nothing.",
    ["compare"] = "Compare results directories of runs: changes with confidence intervals and rank tests; --fail-on gates CI (exit 99).",
    ["estimate"] = "Estimate what a run would send and cost; sends nothing.",
    ["report"] = "Rebuild report.html from a results directory (of llmload run or find-limit); sends nothing.",
    ["merge"] = "Add up the results of a run's segments (run --segment K/N) into one run's, percentiles from their HDR histograms.",
});

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0 && parsed.Action is not (System.CommandLine.Help.HelpAction or RootHelp))
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
