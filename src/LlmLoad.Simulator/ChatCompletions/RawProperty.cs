namespace LlmLoad.Simulator.ChatCompletions;

/// <summary>A JSON property whose value is ready-made JSON text, written as it is.</summary>
internal sealed record RawProperty(string Name, string Json)
{
    /// <summary>The property as it follows another in an object: <c>,"name":value</c>.</summary>
    public string Appended => $",\"{Name}\":{Json}";
}
