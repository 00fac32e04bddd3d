using LlmLoad.Simulator.Generation;
using LlmLoad.Simulator.Serving.PrefixCaching;

namespace LlmLoad.Simulator.Responses;

/// <summary>The few Responses API fields the simulator acts on or echoes; everything else in the body is ignored.</summary>
/// <param name="PromptTokens">o200k_base tokens of <c>instructions</c> and the text of <c>input</c>; no template overhead is added.</param>
/// <param name="MaxOutputTokens"><c>max_output_tokens</c>, or null (the server's default length).</param>
/// <param name="Instructions">Echoed in the response object, as the real API does.</param>
/// <param name="Store">Echoed; the simulator stores nothing either way.</param>
internal sealed record ResponsesRequest(string Model, int PromptTokens, int? MaxOutputTokens, bool Stream, string? Instructions, bool Store)
{
    /// <summary><c>instructions</c> and the input messages keyed for the prefix cache; null when it is off.</summary>
    public PromptPrefix? Prefix { get; init; }

    /// <summary>
    /// <c>reasoning.summary</c> (<c>auto</c>, <c>concise</c>, <c>detailed</c>), echoed; only with it does a reasoning model stream its
    /// reasoning, as summary text deltas. Without it the reasoning is generated and counted, but never shown.
    /// </summary>
    public string? ReasoningSummary { get; init; }

    /// <summary>
    /// The output always runs to its length. With a cap the model was cut off there, which this API reports
    /// as status <c>incomplete</c> with reason <c>max_output_tokens</c> (chat completions' <c>length</c>);
    /// without one it ends at the server's default length as a <c>completed</c> response (chat completions' <c>stop</c>).
    /// </summary>
    public bool CutOff => MaxOutputTokens is not null;

    /// <summary>The terminal status: <c>incomplete</c> or <c>completed</c>.</summary>
    public string Status => CutOff ? "incomplete" : "completed";

    /// <summary>The function tools offered and the tool choice.</summary>
    public OfferedTools Tools { get; init; } = OfferedTools.None;

    /// <summary>Whether one answer was cut off at the cap: a function call ends the answer first, so it never is.</summary>
    public bool CutOffOf(CompletionPlan plan) => CutOff && plan.ToolCall is null;

    /// <summary>One answer's terminal status.</summary>
    public string StatusOf(CompletionPlan plan) => CutOffOf(plan) ? "incomplete" : "completed";

    /// <summary>How it ended, in <c>vllm:request_success_total</c>'s words: length or stop.</summary>
    public string FinishedReason => CutOff ? "length" : "stop";
}
