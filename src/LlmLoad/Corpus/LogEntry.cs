using LlmLoad.Workload;

namespace LlmLoad.Corpus;

/// <summary>
/// The parts of one production log line the corpus builder uses: the prompt (text or chat messages, never
/// both), and what is known of the answer's length.
/// </summary>
/// <param name="Prompt">A completion-style prompt, or null when the line carries <paramref name="Messages"/>.</param>
/// <param name="Messages">Chat messages (an Anthropic <c>system</c> becomes the first, <c>system</c>-role, message).</param>
/// <param name="OutputTokens">Output length as the log reported it (<c>output_tokens</c> or <c>usage</c>).</param>
/// <param name="OutputText">The answer's text, counted with the tokenizer when no count is given.</param>
/// <param name="Category">The log's own <c>category</c>, if any.</param>
public sealed record LogEntry(string? Prompt, IReadOnlyList<ChatTurn>? Messages, int? OutputTokens, string? OutputText, string? Category)
{
    /// <summary>The prompt as one text: what is counted in tokens.</summary>
    public string Text => Prompt ?? string.Join('\n', Messages!.Select(m => m.Content));
}
