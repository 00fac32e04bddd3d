namespace LlmLoad.Workload;

/// <summary>
/// One prompt of a corpus: the messages to send (a single user message for a plain prompt), the output
/// length it should ask for when the corpus says (<c>max_tokens</c>, or the length of the recorded
/// answer), its category, the tools sent with it, and where it came from.
/// </summary>
public sealed record CorpusEntry(IReadOnlyList<ChatTurn> Messages, int? MaxTokens, string? Category, string Source)
{
    /// <summary>The function tools sent with the prompt (a corpus line's <c>tools</c>); none by default.</summary>
    public IReadOnlyList<ToolDefinition> Tools { get; init; } = [];

    /// <summary>The text whose tokens make the prompt's length: every message's content.</summary>
    public string Text => string.Join("\n", Messages.Select(m => m.Content));
}
