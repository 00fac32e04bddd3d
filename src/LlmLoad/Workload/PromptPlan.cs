namespace LlmLoad.Workload;

/// <summary>
/// One request's content: the prompt, its length in tokens by the local tokenizer, the output asked for,
/// and, when the workload has them, its category and the whole conversation to send (a system prompt
/// shared with other requests, earlier turns) instead of the single user message <see cref="Prompt"/>.
/// </summary>
internal sealed record PromptPlan(string Prompt, int InputTokens, int MaxOutputTokens)
{
    public string? Category { get; init; }

    /// <summary>
    /// For a batch of inputs to embed (<see cref="PromptSource.CreateBatch"/>): how many, each one of <see cref="Turns"/>;
    /// null for a prompt to a model that generates.
    /// </summary>
    public int? Inputs { get; init; }

    /// <summary>The messages to send; null sends <see cref="Prompt"/> as the one user message.</summary>
    public IReadOnlyList<ChatTurn>? Messages { get; init; }

    /// <summary>The function tools sent with the messages; none by default.</summary>
    public IReadOnlyList<ToolDefinition> Tools { get; init; } = [];

    public IReadOnlyList<ChatTurn> Turns => Messages ?? [new ChatTurn("user", Prompt)];
}
