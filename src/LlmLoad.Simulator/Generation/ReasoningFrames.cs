namespace LlmLoad.Simulator.Generation;

/// <summary>
/// How a stream shows its reasoning tokens: the bytes around each one's word, as for the answer's, and the
/// events that close the reasoning right before the first answer token (Anthropic's signature and block stop,
/// the text block's start).
/// </summary>
internal sealed record ReasoningFrames(ReadOnlyMemory<byte> Prefix, ReadOnlyMemory<byte> Suffix, ReadOnlyMemory<byte> Transition)
{
    /// <summary>Reasoning that is generated (and paced) but never sent, as OpenAI's chat completions and Gemini without <c>includeThoughts</c> do.</summary>
    public static ReasoningFrames Hidden { get; } = new(default, default, default) { Visible = false };

    public bool Visible { get; private init; } = true;
}
