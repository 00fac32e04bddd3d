using LlmLoad.Recording;

namespace LlmLoad.Runs;

/// <summary>What <see cref="TargetCheck"/> sent and what came back, ready to print.</summary>
/// <param name="Request">The method, URL and HTTP version, e.g. <c>POST http://…/v1/chat/completions (HTTP/1.1)</c>.</param>
/// <param name="Headers">Every request header, values hidden unless they are protocol facts.</param>
/// <param name="Body">The body sent, shortened.</param>
/// <param name="Record">The request as the run would record it.</param>
/// <param name="Text">The answer's text as llmload read it, shortened.</param>
/// <param name="Problems">Why the run would fail or measure nothing; empty when the check passes.</param>
/// <param name="Notes">What is worth knowing before the run, without failing the check.</param>
internal sealed record TargetCheckResult(
    string Request,
    IReadOnlyList<string> Headers,
    string Body,
    RequestRecord Record,
    string Text,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> Notes)
{
    public bool Passed => Problems.Count == 0;
}
