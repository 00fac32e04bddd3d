using System.Text.Json;
using LlmLoad.Workload;

namespace LlmLoad.Providers.Formats;

/// <summary>
/// The workload's function tools in each API's request shape: chat completions nest the function
/// (<c>{"type": "function", "function": {name, description, parameters}}</c>), the Responses API has it flat
/// (<c>{"type": "function", name, description, parameters}</c>), Anthropic names the schema <c>input_schema</c>,
/// Gemini lists <c>functionDeclarations</c> in one tool. Nothing is written when there are none.
/// </summary>
internal static class ToolJson
{
    public static void WriteChat(Utf8JsonWriter json, IReadOnlyList<ToolDefinition> tools) => Write(json, tools, tool =>
    {
        json.WriteString("type", "function");
        json.WriteStartObject("function");
        WriteFunction(json, tool, "parameters");
        json.WriteEndObject();
    });

    public static void WriteResponses(Utf8JsonWriter json, IReadOnlyList<ToolDefinition> tools) => Write(json, tools, tool =>
    {
        json.WriteString("type", "function");
        WriteFunction(json, tool, "parameters");
    });

    public static void WriteAnthropic(Utf8JsonWriter json, IReadOnlyList<ToolDefinition> tools) => Write(json, tools, tool => WriteFunction(json, tool, "input_schema"));

    public static void WriteGemini(Utf8JsonWriter json, IReadOnlyList<ToolDefinition> tools)
    {
        if (tools.Count == 0)
        {
            return;
        }

        json.WriteStartArray("tools");
        json.WriteStartObject();
        Write(json, tools, tool => WriteFunction(json, tool, "parameters"), "functionDeclarations");
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void Write(Utf8JsonWriter json, IReadOnlyList<ToolDefinition> tools, Action<ToolDefinition> writeTool, string property = "tools")
    {
        if (tools.Count == 0)
        {
            return;
        }

        json.WriteStartArray(property);
        foreach (var tool in tools)
        {
            json.WriteStartObject();
            writeTool(tool);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteFunction(Utf8JsonWriter json, ToolDefinition tool, string schemaProperty)
    {
        json.WriteString("name", tool.Name);
        if (tool.Description is not null)
        {
            json.WriteString("description", tool.Description);
        }

        json.WritePropertyName(schemaProperty);
        json.WriteRawValue(tool.ParametersJson);
    }
}
