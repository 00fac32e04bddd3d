using LlmLoad.Simulator.Generation;
using LlmLoad.Simulator.Serving.PrefixCaching;

namespace LlmLoad.Simulator.GenerateContent;

/// <summary>The few GenerateContentRequest fields the simulator acts on; everything else in the body is ignored.</summary>
/// <param name="Model">The model id of the path (<c>models/{model}:method</c>), without the <c>models/</c> collection.</param>
/// <param name="PromptTokens">o200k_base tokens of the text parts of <c>systemInstruction</c> and <c>contents</c>; no template overhead is added.</param>
/// <param name="MaxOutputTokens"><c>generationConfig.maxOutputTokens</c>, else null (0 is proto3's "not set").</param>
/// <param name="Stream">Whether the method was <c>streamGenerateContent</c>.</param>
internal sealed record GenerateContentRequest(string Model, int PromptTokens, int? MaxOutputTokens, bool Stream)
{
    /// <summary>The system instruction and contents keyed for the prefix cache; null when it is off.</summary>
    public PromptPrefix? Prefix { get; init; }

    /// <summary><c>generationConfig.thinkingConfig.thinkingBudget</c>: 0 turns thinking off; null (or -1) lets the model decide.</summary>
    public int? ThinkingBudget { get; init; }

    /// <summary><c>thinkingConfig.includeThoughts</c>: only then are thought parts sent; the count is in the usage either way.</summary>
    public bool IncludeThoughts { get; init; }

    /// <summary>The function declarations offered and the function calling mode.</summary>
    public OfferedTools Tools { get; init; } = OfferedTools.None;

    /// <summary><c>MAX_TOKENS</c> when the client set a cap (the output runs to it), else <c>STOP</c>.</summary>
    public string FinishReason => MaxOutputTokens is null ? "STOP" : "MAX_TOKENS";
}
