using LlmLoad.Workload;

namespace LlmLoad.Tests.Workload;

public sealed class CorpusToolsTests : IDisposable
{
    private const string Weather = """{"type": "function", "function": {"name": "get_weather", "description": "Weather now", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}""";

    private readonly string _dir = Directory.CreateTempSubdirectory("llmload-tools-").FullName;

    [Fact]
    public void Load_JsonlWithTools_EachEntryCarriesItsOwn()
    {
        var path = Write($$$"""
            {"prompt": "Weather in Paris?", "tools": [{{{Weather}}}, {"type": "function", "function": {"name": "now"}}]}
            {"prompt": "No tools here."}
            """);
        var errors = new List<string>();

        var corpus = PromptCorpus.Load(path, skipBadLines: false, errors);

        Assert.True(corpus is not null, string.Join("; ", errors));
        var tools = corpus.Entries[0].Tools;
        Assert.Equal(["get_weather", "now"], tools.Select(t => t.Name));
        Assert.Equal("Weather now", tools[0].Description);
        Assert.Contains("\"required\": [\"city\"]", tools[0].ParametersJson, StringComparison.Ordinal);
        Assert.Equal(ToolDefinition.NoParameters, tools[1].ParametersJson);
        Assert.Empty(corpus.Entries[1].Tools);
    }

    [Theory]
    [InlineData("""{"type": "function"}""", "field 'tools': expected a list")]
    [InlineData("""[{"type": "web_search"}]""", "field 'tools[0].type': expected \"function\"")]
    [InlineData("""[{"type": "function", "function": {"name": "get weather"}}]""", "field 'tools[0].function.name': expected 1 to 64 letters, digits, '_' or '-'")]
    [InlineData("""[{"type": "function", "function": {"name": "f", "parameters": "city"}}]""", "field 'tools[0].function.parameters': expected a JSON Schema object")]
    [InlineData("""[{"type": "function", "function": {"name": "f"}}, {"type": "function", "function": {"name": "f"}}]""", "field 'tools[1].function.name': 'f' is defined twice")]
    public void Load_BadTools_NamesTheFileLineAndField(string tools, string expected)
    {
        var path = Write($$$"""
            {"prompt": "fine"}
            {"prompt": "Weather?", "tools": {{{tools}}}}
            """);
        var errors = new List<string>();

        Assert.Null(PromptCorpus.Load(path, skipBadLines: false, errors));
        Assert.Contains(errors, e => e.StartsWith(path + ":2: ", StringComparison.Ordinal) && e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Create_CorpusEntryWithTools_ThePlanSendsThem()
    {
        var path = Write($$$"""{"prompt": "Weather in Paris?", "max_tokens": 20, "tools": [{{{Weather}}}]}""");
        var corpus = PromptCorpus.Load(path, skipBadLines: false, [])!;
        var source = new PromptSource(new WorkloadSpec { Corpus = corpus }, seed: 1, TokenCounter.Default);

        var plan = source.Create(0);

        Assert.Equal("get_weather", Assert.Single(plan.Tools).Name);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string content)
    {
        var path = Path.Combine(_dir, "c.jsonl");
        File.WriteAllText(path, content);
        return path;
    }
}
