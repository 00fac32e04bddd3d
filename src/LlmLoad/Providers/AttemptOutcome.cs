namespace LlmLoad.Providers;

/// <summary>One attempt of a request: the status it got (0 without a response), its error class, and the target it went to.</summary>
internal readonly record struct AttemptOutcome(int Status, ErrorClass? Error, string? Target);
