using System.Text.Json;
using LlmLoad.Simulator.Generation;

namespace LlmLoad.Simulator.Messages;

/// <summary>
/// Reads the client tools (<c>{"name", "input_schema"}</c>, type absent or <c>custom</c>) and <c>tool_choice</c>
/// (<c>{"type": "auto" | "any" | "tool" | "none", "name"?}</c>) of a Messages request; server tools (web search…) are
/// not functions the simulated model can call, and are passed over.
/// </summary>
internal static class AnthropicToolsParser
{
    public static OfferedTools Read(JsonElement root)
    {
        if (!root.TryGetProperty("tools", out var tools) || tools.ValueKind != JsonValueKind.Array)
        {
            return OfferedTools.None;
        }

        var names = new List<string>();
        foreach (var tool in tools.EnumerateArray())
        {
            var custom = tool.ValueKind == JsonValueKind.Object
                && (!tool.TryGetProperty("type", out var type) || type.ValueKind == JsonValueKind.Null || type.ValueEquals("custom"u8));
            if (custom && tool.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
            {
                names.Add(name.GetString()!);
            }
        }

        if (!root.TryGetProperty("tool_choice", out var choice) || choice.ValueKind != JsonValueKind.Object
            || !choice.TryGetProperty("type", out var choiceType) || choiceType.ValueKind != JsonValueKind.String)
        {
            return new OfferedTools(names);
        }

        var forced = choiceType.ValueEquals("tool"u8) && choice.TryGetProperty("name", out var forcedName) && forcedName.ValueKind == JsonValueKind.String ? forcedName.GetString() : null;
        return new OfferedTools(names, Required: choiceType.ValueEquals("any"u8) || forced is not null, Forced: forced, Allowed: !choiceType.ValueEquals("none"u8));
    }
}
