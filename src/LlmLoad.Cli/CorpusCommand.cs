using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using LlmLoad.Corpus;

namespace LlmLoad.Cli;

/// <summary><c>llmload corpus …</c>: prompt corpora. <c>build</c> makes one from production logs; other subcommands join it here.</summary>
internal static class CorpusCommand
{
    private const string BuildDescription = """
        Build a prompt corpus from a production log (JSONL, .gz too, - for stdin), streaming it in bounded memory:
        scrub personal and secret data into typed placeholders (<EMAIL>, <PHONE>, <CARD>, <IBAN>, <IP>, <SSN>, <API_KEY>, <JWT>),
        remove duplicates, bucket by input length and (when the log has it) output length, weigh each bucket by its share
        of the distinct prompts, sample N prompts per bucket, and write the corpus plus a report (console and
        OUT with .report.json). Log lines carry 'prompt' or 'messages' (also inside 'request'), optionally
        'output_tokens' / 'usage' / 'response' text, and 'category'. docs/corpus.md has the formats and what each detector matches.
        """;

    public static Command Create() => new("corpus", "Prompt corpora for realistic workloads.") { Build() };

    private static Command Build()
    {
        var defaults = new LengthBuckets();
        var from = new Option<string>("--from") { Description = "production log to read: JSONL, .jsonl.gz, or - for standard input (required)", Required = true };
        var output = new Option<string>("--out") { Description = "corpus file to write; the report goes next to it as NAME.report.json (default: corpus.jsonl)", DefaultValueFactory = _ => "corpus.jsonl" };
        var perBucket = new Option<int>("--per-bucket") { Description = $"prompts sampled per bucket, uniformly among its distinct prompts (default: {CorpusBuildOptions.DefaultPerBucket})", DefaultValueFactory = _ => CorpusBuildOptions.DefaultPerBucket };
        var seed = new Option<int>("--seed") { Description = "seed of the sampling: the same log and seed give the same corpus (default: 0)" };
        var shortBelow = new Option<int>("--short-input-below") { Description = $"input tokens below which a prompt is short (default: {defaults.ShortInputBelow})", DefaultValueFactory = _ => defaults.ShortInputBelow };
        var longAbove = new Option<int>("--long-input-above") { Description = $"input tokens above which a prompt is long; medium in between (default: {defaults.LongInputAbove})", DefaultValueFactory = _ => defaults.LongInputAbove };
        var longOutput = new Option<int>("--long-output-from") { Description = $"output tokens from which an answer is long, when the log gives its length (default: {defaults.LongOutputFrom})", DefaultValueFactory = _ => defaults.LongOutputFrom };
        var skipBad = new Option<bool>("--skip-bad-lines") { Description = "skip malformed lines, count them and list the first ones in the report, instead of stopping at the first (default: stop)" };
        var build = new Command("build", BuildDescription) { from, output, perBucket, seed, shortBelow, longAbove, longOutput, skipBad };
        build.SetAction(parse =>
        {
            var options = new CorpusBuildOptions
            {
                From = parse.GetValue(from)!,
                Out = parse.GetValue(output)!,
                PerBucket = parse.GetValue(perBucket),
                Seed = parse.GetValue(seed),
                Buckets = new LengthBuckets(parse.GetValue(shortBelow), parse.GetValue(longAbove), parse.GetValue(longOutput)),
                SkipBadLines = parse.GetValue(skipBad),
            };
            return Run(options);
        });
        return build;
    }

    private static int Run(CorpusBuildOptions options)
    {
        if (Validate(options) is { Count: > 0 } errors)
        {
            return InputErrors.Report(errors, "corpus build", ", nothing was written");
        }

        try
        {
            var report = new CorpusBuilder(options).Build(Console.IsErrorRedirected ? null : Progress());
            Console.Out.Write(CorpusReportText.Format(report));
            return ExitCodes.Success;
        }
        catch (CorpusInputException ex)
        {
            return InputErrors.Report([ex.Message], "corpus build", ", the corpus was not written");
        }
    }

    private static List<string> Validate(CorpusBuildOptions options)
    {
        var errors = new List<string>();
        var buckets = options.Buckets;
        if (options.PerBucket < 1)
        {
            errors.Add($"--per-bucket: expected at least 1, got {options.PerBucket}");
        }

        if (buckets.ShortInputBelow < 1)
        {
            errors.Add($"--short-input-below: expected at least 1, got {buckets.ShortInputBelow}");
        }

        if (buckets.LongInputAbove < buckets.ShortInputBelow)
        {
            errors.Add($"--long-input-above: expected at least --short-input-below ({buckets.ShortInputBelow}), got {buckets.LongInputAbove}");
        }

        if (buckets.LongOutputFrom < 1)
        {
            errors.Add($"--long-output-from: expected at least 1, got {buckets.LongOutputFrom}");
        }

        if (options.From != "-" && !File.Exists(options.From))
        {
            errors.Add($"--from: no such file: {options.From}");
        }

        if (options.From != "-" && Path.GetFullPath(options.From) is var input
            && (input == Path.GetFullPath(options.Out) || input == Path.GetFullPath(options.ReportPath)))
        {
            errors.Add($"--out: would overwrite the log {options.From}");
        }

        return errors;
    }

    /// <summary>A line on the terminal every two seconds, so a long build is visibly alive; nothing when stderr is redirected.</summary>
    private static Action<long, long> Progress()
    {
        var clock = Stopwatch.StartNew();
        var last = TimeSpan.Zero;
        return (bytes, lines) =>
        {
            if (clock.Elapsed - last < TimeSpan.FromSeconds(2))
            {
                return;
            }

            last = clock.Elapsed;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {bytes / 1e6:N0} MB, {lines:N0} lines read ({bytes / 1e6 / clock.Elapsed.TotalSeconds:N1} MB/s)"));
        };
    }
}
