using LlmLoad.Simulator.Generation;

namespace LlmLoad.Simulator.Responses;

/// <summary>
/// The ids of a response's output items: the reasoning item a reasoning model's output opens with (<c>rs_…</c>),
/// then the one message (<c>msg_…</c>) or function call (<c>fc_…</c>), which is then second in <c>output</c>.
/// </summary>
internal sealed record ResponseItemIds(string Message, string Reasoning, string FunctionCall)
{
    public static ResponseItemIds New() => new(ResponseId.New("msg_"), ResponseId.New("rs_"), ResponseId.New("fc_"));

    /// <summary>The answer item's id: the function call's when the answer is one.</summary>
    public string Answer(CompletionPlan plan) => plan.ToolCall is null ? Message : FunctionCall;

    /// <summary>The answer item's <c>output_index</c>: after the reasoning item when there is one.</summary>
    public static int MessageIndex(CompletionPlan plan) => plan.ReasoningTokens > 0 ? 1 : 0;
}
