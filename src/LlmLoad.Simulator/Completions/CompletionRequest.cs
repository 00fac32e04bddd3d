using LlmLoad.Simulator.Serving.PrefixCaching;

namespace LlmLoad.Simulator.Completions;

/// <summary>The few fields of a legacy completions request the simulator acts on; everything else in the body is ignored.</summary>
/// <param name="PromptTokens">o200k_base tokens of the prompt text, or the count of its token ids.</param>
/// <param name="MaxTokens"><c>max_tokens</c>, or null.</param>
internal sealed record CompletionRequest(string Model, int PromptTokens, int? MaxTokens, bool Stream, bool IncludeUsage)
{
    /// <summary>The prompt keyed for the prefix cache; null when it is off.</summary>
    public PromptPrefix? Prefix { get; init; }

    /// <summary>"length" when the client set a cap (the model was cut off there), else "stop", as for chat completions.</summary>
    public string FinishReason => MaxTokens is null ? "stop" : "length";
}
