namespace LlmLoad.Workload;

/// <summary>One message of a conversation: <c>system</c>, <c>user</c> or <c>assistant</c>.</summary>
public sealed record ChatTurn(string Role, string Content);
