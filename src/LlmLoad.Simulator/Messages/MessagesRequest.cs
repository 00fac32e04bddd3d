using LlmLoad.Engine;
using LlmLoad.Simulator.Generation;
using LlmLoad.Simulator.Serving.PrefixCaching;

namespace LlmLoad.Simulator.Messages;

/// <summary>The few Messages API fields the simulator acts on; everything else in the body is ignored.</summary>
/// <param name="PromptTokens">o200k_base tokens of the <c>system</c> and message text; no template overhead is added.</param>
/// <param name="MaxTokens">Required by this API, so the output always runs to it and stops with <c>max_tokens</c>.</param>
internal sealed record MessagesRequest(string Model, int PromptTokens, int MaxTokens, bool Stream)
{
    /// <summary><c>system</c> and the messages keyed for the prefix cache; null when it is off.</summary>
    public PromptPrefix? Prefix { get; init; }

    /// <summary><c>thinking.budget_tokens</c> when extended thinking is enabled, else 0: Claude thinks only when asked, and within its budget.</summary>
    public int ThinkingBudget { get; init; }

    /// <summary>The output always runs to the required <c>max_tokens</c>, so it is always cut off there.</summary>
    public const string StopReason = "max_tokens";

    /// <summary>The function tools offered and the tool choice.</summary>
    public OfferedTools Tools { get; init; } = OfferedTools.None;

    /// <summary>The stop reason of one answer: <c>tool_use</c> when it called a tool, which ends it whatever the cap.</summary>
    public static string StopReasonOf(CompletionPlan plan) => plan.ToolCall is null ? StopReason : "tool_use";
}
