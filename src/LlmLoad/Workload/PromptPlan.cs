namespace LlmLoad.Workload;

/// <summary>One request's content: the prompt, its token count by the local tokenizer, and the output asked for.</summary>
internal sealed record PromptPlan(string Prompt, int InputTokens, int MaxOutputTokens);
