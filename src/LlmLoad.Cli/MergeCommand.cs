using System.CommandLine;
using LlmLoad.Cli.Output;
using LlmLoad.Distributed;

namespace LlmLoad.Cli;

/// <summary><c>llmload merge DIR… --out DIR</c>: the results of a run's N segments (<c>run --segment K/N</c>) added up.</summary>
internal static class MergeCommand
{
    private const string Definitions = """
        Merge the results directories of the N segments of one run ('llmload run --segment K/N', docs/distributed.md) into
        the results one process would have written: requests.jsonl (every segment's records, in scheduled order),
        summary.json and timeseries.csv. Latency percentiles come from the segments' added HDR histograms (histograms.hlog),
        so they are what one machine would report, per-token ITL included. Refuses (exit 2, nothing written) segments of
        different runs (count, seed, scenario, settings), a segment given twice, a missing one, or a directory that is not
        a finished segment's results.
        """;

    public static Command Create()
    {
        var directories = new Argument<string[]>("DIR") { Description = "the segments' results directories (their --out), all N of them", Arity = ArgumentArity.OneOrMore };
        var outDir = new Option<string>("--out") { Description = "where to write the merged results", Required = true };
        var command = new Command("merge", Definitions) { directories, outDir };
        command.SetAction(parse => Merge(parse.GetValue(directories)!, parse.GetValue(outDir)!));
        return command;
    }

    private static int Merge(string[] directories, string outDir)
    {
        var errors = new List<string>();
        if (directories.Select(Path.GetFullPath).Contains(Path.GetFullPath(outDir)))
        {
            errors.Add($"--out {outDir}: is one of the segments' directories; write the merge elsewhere");
            return InputErrors.Report(errors, "merge", ", nothing was written");
        }

        var report = RunMerge.Merge(directories, outDir, errors);
        if (report is null)
        {
            return InputErrors.Report(errors, "merge", ", nothing was written");
        }

        ConsoleOutput.Create().Export(report);
        return ExitCodes.Success;
    }
}
