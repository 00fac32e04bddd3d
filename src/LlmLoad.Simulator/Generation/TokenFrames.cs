namespace LlmLoad.Simulator.Generation;

/// <summary>
/// How a stream frames one kind of token (the reasoning, or the answer): the bytes around each one's word, and the
/// events sent right before the first of them (for the answer: Anthropic's signature and the text block's start after
/// thinking, a tool call's id and name).
/// </summary>
internal sealed record TokenFrames(ReadOnlyMemory<byte> Prefix, ReadOnlyMemory<byte> Suffix, ReadOnlyMemory<byte> Opening = default)
{
    /// <summary>
    /// Tokens that are generated (and paced) but not sent one by one: reasoning OpenAI's chat completions and Gemini
    /// without <c>includeThoughts</c> keep to themselves, a Gemini function call that arrives whole.
    /// </summary>
    public static TokenFrames Hidden { get; } = new(default, default) { Visible = false };

    public bool Visible { get; private init; } = true;
}
