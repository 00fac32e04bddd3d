using System.Globalization;
using LlmLoad.Runs;

namespace LlmLoad.Cli.Output;

/// <summary>Prints what <c>run --check</c> sent and read, plain text, so it can be pasted into an issue as it is.</summary>
internal static class CheckReport
{
    public static void Write(TextWriter output, TargetCheckResult result)
    {
        var r = result.Record;
        output.WriteLine("sent     " + result.Request);
        foreach (var header in result.Headers)
        {
            output.WriteLine("         " + header);
        }

        output.WriteLine("body     " + result.Body);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"answer   status {r.Status}{(r.HttpVersion is { } v ? $" (HTTP/{v})" : "")}, TTFT {Ms(r.TtftMs)}, E2E {Ms(r.E2eMs)} (one cold request: connecting included), {r.Chunks} chunk(s), {r.OutputTokens?.ToString(CultureInfo.InvariantCulture) ?? "no"} output tokens ({r.TokenSource}), {r.InputTokens?.ToString(CultureInfo.InvariantCulture) ?? "no"} input tokens, finish {r.FinishReason ?? "none"}{(r.ReasoningTokens is { } reasoning ? $", {reasoning} reasoning tokens" : "")}"));
        output.WriteLine("text     " + (result.Text.Length == 0 ? "(none)" : result.Text.ReplaceLineEndings(" ")));
        foreach (var note in result.Notes)
        {
            output.WriteLine("note     " + note);
        }

        foreach (var problem in result.Problems)
        {
            output.WriteLine("problem  " + problem);
        }

        output.WriteLine(result.Passed
            ? "check passed: llmload reads this target's answers; run without --check for the load test"
            : "check failed: a run would not measure this target; fix the problem above first");
    }

    private static string Ms(double? ms) => ms is { } value ? value.ToString("0.0", CultureInfo.InvariantCulture) + " ms" : "-";
}
