namespace LlmLoad.Simulator.Generation;

/// <summary>
/// How a simulated reasoning model "thinks" before it answers: how many tokens, and how chat completions show
/// them. The reasoning tokens are the first ones generated, paced like any output token, and taken out of the
/// request's output length (every API counts them in its cap and its output usage), so the answer is the rest.
/// Each API shows them its own way, only when the request asks where the real API requires it (docs/simulator.md).
/// </summary>
public sealed record SimulatedReasoning
{
    /// <summary><see cref="ChatField"/> value for OpenAI's own chat completions: the reasoning is generated and billed, never streamed.</summary>
    public const string Hidden = "hidden";

    /// <summary>The chat completions delta fields a reasoning server streams its thinking in.</summary>
    public static IReadOnlyList<string> ChatFields { get; } = ["reasoning_content", "reasoning", Hidden];

    /// <summary>Reasoning tokens before each answer; 0 (the default) is a model that does not reason. At least one answer token is always left.</summary>
    public int Tokens { get; init; }

    /// <summary>
    /// Where chat completions carry the reasoning text: <c>reasoning_content</c> (DeepSeek's API, SGLang, vLLM before 0.11), <c>reasoning</c>
    /// (vLLM 0.11 on), or <see cref="Hidden"/> (OpenAI: only <c>completion_tokens_details.reasoning_tokens</c> tells).
    /// </summary>
    public string ChatField { get; init; } = "reasoning_content";

    /// <summary>Whether chat completions stream the reasoning at all.</summary>
    public bool ChatShowsReasoning => ChatField != Hidden;

    /// <summary>The reasoning tokens of one response: the configured count within what the request allows, leaving one answer token.</summary>
    /// <param name="budget">The most the request lets the model think (Anthropic's <c>budget_tokens</c>, Gemini's <c>thinkingBudget</c>); 0 turns reasoning off.</param>
    public int For(int outputTokens, int budget) => Math.Max(0, Math.Min(Math.Min(Tokens, budget), outputTokens - 1));
}
