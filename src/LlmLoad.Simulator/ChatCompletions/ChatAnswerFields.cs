namespace LlmLoad.Simulator.ChatCompletions;

/// <summary>
/// What a service built on OpenAI's chat completions adds to OpenAI's answer: Azure OpenAI's content
/// filter results. OpenAI's own answer adds nothing (<see cref="None"/>). The values are ready-made JSON,
/// encoded once, so a per-token chunk stays a byte copy.
/// </summary>
internal sealed record ChatAnswerFields
{
    public static ChatAnswerFields None { get; } = new();

    /// <summary>Ends each choice that carries generated text.</summary>
    public RawProperty? ContentChoice { get; init; }

    /// <summary>Ends a choice with no text to judge: the role chunk's and the finish chunk's.</summary>
    public RawProperty? EmptyChoice { get; init; }

    /// <summary>About the prompt: a top-level field of the buffered body.</summary>
    public RawProperty? Prompt { get; init; }

    /// <summary>A whole SSE event sent before the first chunk of a stream, or null.</summary>
    public byte[]? LeadingEvent { get; init; }
}
