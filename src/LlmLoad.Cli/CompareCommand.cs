using System.CommandLine;
using System.Globalization;
using LlmLoad.Cli.Output;
using LlmLoad.Comparison;

namespace LlmLoad.Cli;

/// <summary><c>llmload compare BASE CANDIDATE [MORE…]</c>: runs side by side with significance tests, and a CI gate (docs/compare.md).</summary>
internal static class CompareCommand
{
    private const string Description = """
        Compare results directories of llmload run: each CANDIDATE against BASE, metric by metric, with the change,
        a bootstrap confidence interval of a latency percentile's change and a Mann-Whitney U test of the latencies,
        so that noise is not called a regression. With --fail-on, exit 99 when a rule's change is past its threshold
        AND significant (docs/compare.md), 0 when none is.
        """;

    public static Command Create()
    {
        var runs = new Argument<string[]>("RUNS") { Description = "results directories (--out of llmload run): the base first, then one or more candidates", Arity = ArgumentArity.ZeroOrMore };
        var failOn = new Option<string[]>("--fail-on") { Description = "a regression rule, repeatable: METRIC>+N% | >+Npp | >+Nms | >+Ns, or <-N… for a fall, e.g. 'ttft.p95>+10%', 'error_rate>+0.5pp', 'e2e.p99>+200ms', 'requests_per_s<-5%' (default: none, exit 0)", AllowMultipleArgumentsPerToken = false };
        var alpha = new Option<string>("--alpha") { Description = $"significance level: p below it, and a confidence interval at 1 - alpha that excludes 0 (default: {ComparisonSettings.DefaultAlpha.ToString(CultureInfo.InvariantCulture)})" };
        var significance = new Option<string>("--significance") { Description = "what makes a latency change significant: both (CI excludes 0 and Mann-Whitney p < alpha), ci (the CI alone, sees tail-only changes) or rank (the p-value alone) (default: both)" };
        var markdown = new Option<bool>("--markdown") { Description = "print the comparison as Markdown (for a pull-request comment) instead of the table" };
        var json = new Option<bool>("--json") { Description = $"print the comparison as JSON (schema {ComparisonJson.Schema}) instead of the table" };
        var html = new Option<string>("--html") { Description = "also write a self-contained HTML page with the tables, overlaid latency CDFs and time series to this file (default: none)" };
        var command = new Command("compare", Description) { runs, failOn, alpha, significance, markdown, json, html };
        command.SetAction(parse => Compare(
            parse.GetValue(runs) ?? [], parse.GetValue(failOn) ?? [], parse.GetValue(alpha), parse.GetValue(significance),
            parse.GetValue(markdown), parse.GetValue(json), parse.GetValue(html)));
        return command;
    }

    private static int Compare(string[] directories, string[] failOn, string? alphaText, string? significanceText, bool markdown, bool json, string? html)
    {
        var errors = new List<string>();
        if (directories.Length < 2)
        {
            errors.Add($"RUNS: expected the base directory and at least one candidate, got {directories.Length}{(directories.Length == 1 ? $" ('{directories[0]}')" : "")}");
        }

        var settings = Settings(alphaText, significanceText, errors);
        var rules = failOn.Select(text => FailOnParser.Parse(text, errors)).OfType<FailOnRule>().ToList();
        if (markdown && json)
        {
            errors.Add("--markdown and --json: give one; each replaces the table on standard output");
        }

        var runs = errors.Count == 0 ? directories.Select(d => ComparedRunReader.Read(d, errors)).ToList() : [];
        if (errors.Count > 0 || settings is null)
        {
            return InputErrors.Report(errors, "compare", consequence: "");
        }

        var report = ComparisonReport.Create(settings, runs[0]!, runs.Skip(1).Select(r => r!), rules);
        if (html is not null)
        {
            try
            {
                File.WriteAllText(html, ComparisonHtml.Format(report));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return InputErrors.Report([$"--html {html}: cannot be written ({e.Message})"], "compare", consequence: "");
            }
        }

        if (json)
        {
            using var stdout = Console.OpenStandardOutput();
            ComparisonJson.Write(stdout, report);
            stdout.WriteByte((byte)'\n');
        }
        else if (markdown)
        {
            Console.Out.Write(ComparisonMarkdown.Format(report));
        }
        else
        {
            ComparisonTable.Write(ConsoleOutput.Create().Terminal, report);
        }

        if (!report.Regressed)
        {
            return ExitCodes.Success;
        }

        // Named on stderr too, so that a CI log shows what failed the job whatever the output format.
        foreach (var verdict in report.Regressions)
        {
            Console.Error.WriteLine("regression: " + ComparisonFormat.Regression(verdict, settings));
        }

        return ExitCodes.ThresholdFailed;
    }

    private static ComparisonSettings? Settings(string? alphaText, string? significanceText, List<string> errors)
    {
        var settings = new ComparisonSettings();
        if (alphaText is not null)
        {
            if (double.TryParse(alphaText, NumberStyles.Float, CultureInfo.InvariantCulture, out var alpha) && alpha is > 0 and < 0.5)
            {
                settings = settings with { Alpha = alpha };
            }
            else
            {
                errors.Add($"--alpha: expected a number above 0 and below 0.5, e.g. 0.05 or 0.01, got '{alphaText}'");
            }
        }

        if (significanceText is not null)
        {
            SignificanceRule? rule = significanceText switch { "both" => SignificanceRule.Both, "ci" => SignificanceRule.Interval, "rank" => SignificanceRule.Rank, _ => null };
            if (rule is { } r)
            {
                settings = settings with { Significance = r };
            }
            else
            {
                errors.Add($"--significance: expected both, ci or rank, got '{significanceText}'");
            }
        }

        return errors.Count == 0 ? settings : null;
    }
}
