namespace LlmLoad.Corpus;

/// <summary>One message of a chat prompt, its content flattened to text (non-text parts such as images are dropped).</summary>
public readonly record struct ChatMessage(string Role, string Content);
