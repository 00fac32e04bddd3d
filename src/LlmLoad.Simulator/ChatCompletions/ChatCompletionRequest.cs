using LlmLoad.Simulator.Generation;
using LlmLoad.Simulator.Serving.PrefixCaching;

namespace LlmLoad.Simulator.ChatCompletions;

/// <summary>The few request fields the simulator acts on; everything else in the body is ignored.</summary>
/// <param name="PromptTokens">o200k_base tokens of all message text; no chat-template overhead is added.</param>
/// <param name="MaxTokens"><c>max_completion_tokens</c>, else <c>max_tokens</c>, else null.</param>
internal sealed record ChatCompletionRequest(string Model, int PromptTokens, int? MaxTokens, bool Stream, bool IncludeUsage)
{
    /// <summary>The messages keyed for the prefix cache; null when it is off.</summary>
    public PromptPrefix? Prefix { get; init; }

    /// <summary>The function tools offered and the tool choice.</summary>
    public OfferedTools Tools { get; init; } = OfferedTools.None;

    /// <summary>"length" when the client set a cap (the model was cut off there), else "stop".</summary>
    public string FinishReason => MaxTokens is null ? "stop" : "length";

    /// <summary>The finish reason of one answer: <c>tool_calls</c> when it called a function, which ends it whatever the cap.</summary>
    public string FinishReasonOf(CompletionPlan plan) => plan.ToolCall is null ? FinishReason : "tool_calls";
}
