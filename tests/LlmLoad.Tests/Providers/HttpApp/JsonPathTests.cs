using System.Text;
using System.Text.Json;
using LlmLoad.Providers.Formats;
using LlmLoad.Workload;

namespace LlmLoad.Tests.Providers.HttpApp;

public sealed class JsonPathTests
{
    private static readonly byte[] Chunk = Encoding.UTF8.GetBytes("""{"id":"c1","choices":[{"index":0,"delta":{"content":"Hi \"there\""}},{"delta":{"content":"second"}}],"usage":{"out":"12"},"x.y":{"n":3}}""");

    [Theory]
    [InlineData("$.choices[0].delta.content", "Hi \"there\"")]
    [InlineData("choices[1].delta.content", "second")]
    [InlineData("$.id", "c1")]
    [InlineData("$['x.y'].n", "3")]
    [InlineData("$.choices[2].delta.content", null)]
    [InlineData("$.usage.missing", null)]
    [InlineData("$.id.deeper", null)]
    public void FindString_FollowsNamesAndIndexes_NullWhenAbsent(string path, string? expected)
        => Assert.Equal(expected, JsonPath.Parse(path).FindString(Chunk));

    [Fact]
    public void FindInt_ReadsNumbersAndNumericStrings()
    {
        Assert.Equal(12, JsonPath.Parse("$.usage.out").FindInt(Chunk));
        Assert.Equal(3, JsonPath.Parse("$['x.y'].n").FindInt(Chunk));
        Assert.Null(JsonPath.Parse("$.id").FindInt(Chunk));
    }

    [Fact]
    public void Find_OnTextThatIsNotJson_IsAbsentNotAnException()
        => Assert.Null(JsonPath.Parse("$.a").FindString("event: x"u8));

    [Theory]
    [InlineData("$")]
    [InlineData("$.a[")]
    [InlineData("$.a[x]")]
    [InlineData("$..a")]
    [InlineData("$.a[*]")]
    public void Parse_OutsideTheSubset_IsRefusedWithWhatIsExpected(string path)
        => Assert.Contains("JSON path", Assert.Throws<FormatException>(() => JsonPath.Parse(path)).Message, StringComparison.Ordinal);
}

public sealed class BodyTemplateTests
{
    [Fact]
    public void Render_EachPlaceholderIsAWholeJsonValue_PromptsCannotBreakOut()
    {
        var template = BodyTemplate.Parse("""{"q": {{prompt}}, "h": {{messages}}, "s": {{system}}, "n": {{max_tokens}}, "m": {{model}}, "st": {{stream}}, "id": {{session_id}}}""");
        ChatTurn[] turns = [new("system", "be brief"), new("user", "say \"hi\"\n}, \"evil\": 1")];

        using var body = JsonDocument.Parse(template.Render("gpt", turns, 64, true, "s-7"));

        var root = body.RootElement;
        Assert.Equal("say \"hi\"\n}, \"evil\": 1", root.GetProperty("q").GetString());
        Assert.False(root.TryGetProperty("evil", out _));
        Assert.Equal("system", root.GetProperty("h")[0].GetProperty("role").GetString());
        Assert.Equal("be brief", root.GetProperty("s").GetString());
        Assert.Equal(64, root.GetProperty("n").GetInt32());
        Assert.Equal("gpt", root.GetProperty("m").GetString());
        Assert.True(root.GetProperty("st").GetBoolean());
        Assert.Equal("s-7", root.GetProperty("id").GetString());
    }

    [Fact]
    public void Render_NoSystemTurn_SystemIsNull()
    {
        using var body = JsonDocument.Parse(BodyTemplate.Parse("""{"s": {{system}}}""").Render("m", [new("user", "u")], 1, false, "x"));
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("s").ValueKind);
    }

    [Theory]
    [InlineData("""{"q": {{question}}}""", "unknown placeholder '{{question}}'")]
    [InlineData("""{"q": {{prompt}""", "never closed")]
    [InlineData("""{"q": "{{prompt}}"}""", "not valid JSON once its placeholders are filled")]
    public void Parse_Mistakes_AreExplained(string text, string expected)
        => Assert.Contains(expected, Assert.Throws<FormatException>(() => BodyTemplate.Parse(text)).Message, StringComparison.Ordinal);
}
