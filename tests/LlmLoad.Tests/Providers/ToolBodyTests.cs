using System.Text.Json;
using LlmLoad.Providers;
using LlmLoad.Providers.Formats;
using LlmLoad.Workload;

namespace LlmLoad.Tests.Providers;

/// <summary>Each API gets the workload's tools in its own request shape.</summary>
public sealed class ToolBodyTests
{
    private static readonly ToolDefinition[] Tools = [new("get_weather", "Weather now", """{"type":"object","properties":{"city":{"type":"string"}}}""")];
    private static readonly ChatTurn[] Messages = [new("user", "Weather in Paris?")];

    [Fact]
    public void BuildBody_OpenAiChat_NestsTheFunction()
    {
        var tool = Body(new OpenAiChatFormat()).GetProperty("tools")[0];

        Assert.Equal("function", tool.GetProperty("type").GetString());
        Assert.Equal("get_weather", tool.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("Weather now", tool.GetProperty("function").GetProperty("description").GetString());
        Assert.Equal("string", tool.GetProperty("function").GetProperty("parameters").GetProperty("properties").GetProperty("city").GetProperty("type").GetString());
    }

    [Fact]
    public void BuildBody_Responses_HasTheFunctionFlat()
    {
        var tool = Body(new OpenAiResponsesFormat()).GetProperty("tools")[0];

        Assert.Equal(["type", "name", "description", "parameters"], tool.EnumerateObject().Select(p => p.Name));
        Assert.Equal("function", tool.GetProperty("type").GetString());
        Assert.Equal("get_weather", tool.GetProperty("name").GetString());
    }

    [Fact]
    public void BuildBody_Anthropic_NamesTheSchemaInputSchema()
    {
        var tool = Body(new AnthropicMessagesFormat()).GetProperty("tools")[0];

        Assert.Equal(["name", "description", "input_schema"], tool.EnumerateObject().Select(p => p.Name));
        Assert.Equal("object", tool.GetProperty("input_schema").GetProperty("type").GetString());
    }

    [Fact]
    public void BuildBody_Gemini_ListsFunctionDeclarationsInOneTool()
    {
        var tools = Body(new GeminiGenerateContentFormat()).GetProperty("tools");

        var declaration = Assert.Single(tools.EnumerateArray()).GetProperty("functionDeclarations")[0];
        Assert.Equal("get_weather", declaration.GetProperty("name").GetString());
        Assert.Equal("object", declaration.GetProperty("parameters").GetProperty("type").GetString());
    }

    [Fact]
    public void BuildBody_NoTools_SendsNoToolsField()
    {
        var format = (IWireFormat)new OpenAiChatFormat();

        var body = JsonDocument.Parse(format.BuildBody("m", Messages, 16, stream: true, session: 0, tools: [])).RootElement;

        Assert.False(body.TryGetProperty("tools", out _));
    }

    private static JsonElement Body(IWireFormat format)
        => JsonDocument.Parse(format.BuildBody("m", Messages, 16, stream: true, session: 0, Tools)).RootElement;
}
