namespace LlmLoad.Simulator.Serving.PrefixCaching;

/// <summary>
/// The end of one leading run of a prompt's messages: the key of everything up to and including that
/// message (model, then each message's role and text, in order) and the prompt tokens up to there.
/// </summary>
internal readonly record struct PrefixBoundary(UInt128 Key, int Tokens);

/// <summary>A prompt as the prefix cache sees it: one boundary per message, in order (Anthropic's <c>system</c> first).</summary>
internal sealed class PromptPrefix(PrefixBoundary[] boundaries)
{
    public IReadOnlyList<PrefixBoundary> Boundaries => boundaries;

    public int TotalTokens => boundaries.Length == 0 ? 0 : boundaries[^1].Tokens;
}
