using System.Text.Json;
using LlmLoad.Simulator.Generation;

namespace LlmLoad.Simulator.ChatCompletions;

/// <summary>
/// Reads the function tools and <c>tool_choice</c> of an OpenAI request: chat completions nest the name
/// (<c>{"type": "function", "function": {"name"}}</c>), the Responses API has it flat (<c>{"type": "function", "name"}</c>).
/// Other tool types (web search, file search…) are not functions the simulated model can call, and are passed over.
/// </summary>
internal static class OpenAiToolsParser
{
    public static OfferedTools Read(JsonElement root, bool nested)
    {
        if (!root.TryGetProperty("tools", out var tools) || tools.ValueKind != JsonValueKind.Array)
        {
            return OfferedTools.None;
        }

        var names = new List<string>();
        foreach (var tool in tools.EnumerateArray())
        {
            if (tool.ValueKind == JsonValueKind.Object && tool.TryGetProperty("type", out var type) && type.ValueEquals("function"u8)
                && Name(tool, nested) is { } name)
            {
                names.Add(name);
            }
        }

        if (!root.TryGetProperty("tool_choice", out var choice) || choice.ValueKind == JsonValueKind.Null)
        {
            return new OfferedTools(names);
        }

        return choice.ValueKind == JsonValueKind.String
            ? new OfferedTools(names, Required: choice.ValueEquals("required"u8), Allowed: !choice.ValueEquals("none"u8))
            : new OfferedTools(names, Required: true, Forced: choice.ValueKind == JsonValueKind.Object ? Name(choice, nested) : null);
    }

    private static string? Name(JsonElement element, bool nested)
    {
        var holder = nested && element.TryGetProperty("function", out var function) ? function : element;
        return holder.ValueKind == JsonValueKind.Object && holder.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null;
    }
}
