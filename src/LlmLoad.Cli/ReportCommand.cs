using System.CommandLine;
using System.Text.Json;
using LlmLoad.FindLimit;
using LlmLoad.Reporting;
using LlmLoad.Reporting.Html;

namespace LlmLoad.Cli;

/// <summary><c>llmload report DIR</c>: rebuilds DIR/report.html from the files a run (or find-limit) left there; sends nothing.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("DIR") { Description = "the --out directory of llmload run (summary.json, timeseries.csv, requests.jsonl) or llmload find-limit (find-limit.json)" };
        var command = new Command("report", "Rebuild report.html from a results directory (of llmload run or find-limit); sends nothing.") { directory };
        command.SetAction(parse => Rebuild(parse.GetValue(directory)!));
        return command;
    }

    private static int Rebuild(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return Fail($"{directory}: no such directory; expected the --out directory of llmload run or find-limit");
        }

        var findLimit = Path.Combine(directory, FindLimitJson.FileName);
        var summary = Path.Combine(directory, SummaryJson.FileName);
        var (file, schema) = File.Exists(findLimit) ? (findLimit, FindLimitJson.Schema) : (summary, SummaryJson.Schema);
        if (!File.Exists(file))
        {
            return Fail($"{directory}: has neither {SummaryJson.FileName} nor {FindLimitJson.FileName}; expected the --out directory of llmload run or find-limit");
        }

        var bytes = File.ReadAllBytes(file);
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var found = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("schema", out var s) ? s.ToString() : null;
            if (found != schema)
            {
                return Fail($"{file}: expected schema {schema}, got {(found is null ? "none" : $"'{found}'")}");
            }
        }
        catch (JsonException ex)
        {
            return Fail($"{file}: not JSON ({ex.Message})");
        }

        var path = schema == SummaryJson.Schema ? HtmlReport.WriteRun(directory, bytes) : HtmlReport.WriteFindLimit(directory, bytes);
        Console.WriteLine($"{path} ({new FileInfo(path).Length / 1024.0:0.#} KiB)");
        return ExitCodes.Success;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return ExitCodes.InvalidInput;
    }
}
