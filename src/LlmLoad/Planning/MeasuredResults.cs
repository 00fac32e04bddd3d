using LlmLoad.FindLimit;
using LlmLoad.Reporting;

namespace LlmLoad.Planning;

/// <summary>
/// A results directory a plan starts from: the run figures (its summary.json, or for a find-limit output the knee
/// step's) and, when find-limit.json is there, the limits of one replica.
/// </summary>
/// <param name="Directory">The directory as a full path.</param>
/// <param name="Limits">Null for the output of <c>llmload run</c>.</param>
internal sealed record MeasuredResults(string Directory, MeasuredRun Run, MeasuredLimits? Limits)
{
    /// <summary>Every figure's source, the run's then the limits'.</summary>
    public IEnumerable<FigureSource> Sources => Limits is null ? Run.Sources : [.. Limits.Sources, .. Run.Sources];

    /// <summary>Reads <paramref name="directory"/>; null when <paramref name="errors"/> says why it cannot be planned from.</summary>
    public static MeasuredResults? Read(string directory, List<string> errors)
    {
        var full = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(full))
        {
            errors.Add($"--from: {directory}: no such directory");
            return null;
        }

        var summaryPath = Path.Combine(full, SummaryJson.FileName);
        var findLimitPath = Path.Combine(full, FindLimitJson.FileName);
        if (!File.Exists(findLimitPath))
        {
            if (!File.Exists(summaryPath))
            {
                errors.Add($"--from: {directory}: neither {SummaryJson.FileName} nor {FindLimitJson.FileName} is there; give the --out directory of llmload run or llmload find-limit");
                return null;
            }

            return SummaryReader.Read(summaryPath, SummaryJson.FileName, errors) is { } run ? new MeasuredResults(full, run, null) : null;
        }

        var limits = FindLimitReader.Read(findLimitPath, FindLimitJson.FileName, errors);
        if (limits is null)
        {
            return null;
        }

        // A run's own summary beside the find-limit.json wins; otherwise the knee step is the run measured at the load that held.
        var runFile = File.Exists(summaryPath) ? SummaryJson.FileName : KneeSummary(limits, full, errors);
        if (runFile is null)
        {
            return null;
        }

        return SummaryReader.Read(Path.Combine(full, runFile), runFile, errors) is { } measured ? new MeasuredResults(full, measured, limits) : null;
    }

    private static string? KneeSummary(MeasuredLimits limits, string directory, List<string> errors)
    {
        if (limits.Knee is null)
        {
            errors.Add($"--from: {limits.File}: no step held its SLOs (outcome {limits.Outcome}, knee.load null): there is no sustainable load to plan from; run find-limit again from a lower --start");
            return null;
        }

        if (limits.MeasuredStepDirectory is not { } step)
        {
            errors.Add($"--from: {limits.File}: the knee's step {limits.Knee.Step?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"} has no dir in curve[]");
            return null;
        }

        var file = Path.Combine(step, SummaryJson.FileName).Replace('\\', '/');
        if (!File.Exists(Path.Combine(directory, file)))
        {
            errors.Add($"--from: {file}: missing; the knee's step directory holds the run figures (tokens, response times) a plan needs");
            return null;
        }

        return file;
    }
}
