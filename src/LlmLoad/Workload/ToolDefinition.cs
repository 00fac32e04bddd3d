namespace LlmLoad.Workload;

/// <summary>
/// A function tool the model may call, as a workload sends it with its prompt (agents and RAG stacks send their
/// tools with every request): each provider writes it in its API's own shape.
/// </summary>
/// <param name="ParametersJson">The arguments' JSON Schema, as raw JSON text (an object).</param>
public sealed record ToolDefinition(string Name, string? Description, string ParametersJson)
{
    /// <summary>A schema with no arguments, for a tool that names none.</summary>
    public const string NoParameters = """{"type":"object","properties":{}}""";
}
