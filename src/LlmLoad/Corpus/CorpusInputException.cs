namespace LlmLoad.Corpus;

/// <summary>The log cannot make a corpus: a malformed line (<c>file:line: what</c>), no prompts, an unreadable file.</summary>
public sealed class CorpusInputException(string message) : Exception(message);
