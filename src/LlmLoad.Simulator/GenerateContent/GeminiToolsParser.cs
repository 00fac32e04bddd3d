using System.Text.Json;
using LlmLoad.Simulator.Generation;

namespace LlmLoad.Simulator.GenerateContent;

/// <summary>
/// Reads <c>tools[].functionDeclarations[].name</c> and <c>toolConfig.functionCallingConfig</c> (<c>mode</c> <c>AUTO</c>,
/// <c>ANY</c> or <c>NONE</c>; <c>allowedFunctionNames</c>, whose first is called when the mode is <c>ANY</c>). Either
/// spelling of the fields (camelCase or snake_case) is read, as the API takes both.
/// </summary>
internal static class GeminiToolsParser
{
    public static OfferedTools Read(JsonElement root)
    {
        if (!Property(root, "tools", "tools", out var tools) || tools.ValueKind != JsonValueKind.Array)
        {
            return OfferedTools.None;
        }

        var names = new List<string>();
        foreach (var tool in tools.EnumerateArray())
        {
            if (tool.ValueKind == JsonValueKind.Object && Property(tool, "functionDeclarations", "function_declarations", out var declarations) && declarations.ValueKind == JsonValueKind.Array)
            {
                names.AddRange(declarations.EnumerateArray()
                    .Where(d => d.ValueKind == JsonValueKind.Object && d.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
                    .Select(d => d.GetProperty("name").GetString()!));
            }
        }

        if (!Property(root, "toolConfig", "tool_config", out var config) || config.ValueKind != JsonValueKind.Object
            || !Property(config, "functionCallingConfig", "function_calling_config", out var calling) || calling.ValueKind != JsonValueKind.Object
            || !calling.TryGetProperty("mode", out var mode) || mode.ValueKind != JsonValueKind.String)
        {
            return new OfferedTools(names);
        }

        var required = mode.ValueEquals("ANY"u8) || mode.ValueEquals("VALIDATED"u8);
        string? forced = null;
        if (required && Property(calling, "allowedFunctionNames", "allowed_function_names", out var allowed) && allowed.ValueKind == JsonValueKind.Array)
        {
            forced = allowed.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()).FirstOrDefault();
        }

        return new OfferedTools(names, Required: required, Forced: forced, Allowed: !mode.ValueEquals("NONE"u8));
    }

    private static bool Property(JsonElement element, string camel, string snake, out JsonElement value)
        => element.TryGetProperty(camel, out value) || element.TryGetProperty(snake, out value);
}
