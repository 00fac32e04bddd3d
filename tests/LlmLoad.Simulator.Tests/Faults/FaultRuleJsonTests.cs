using System.Text;
using System.Text.Json;
using LlmLoad.Simulator.Faults;

namespace LlmLoad.Simulator.Tests.Faults;

public sealed class FaultRuleJsonTests
{
    [Fact]
    public void Parse_EveryField_ReadsTheRule()
    {
        var rule = Parse("""{"kind":"stall","probability":0.1,"from":"60s","until":"2m","for":"5s","after":3}""");

        Assert.Equal(FaultRuleText.Parse("stall,p=0.1,from=60s,until=120s,for=5s,after=3"), rule);
    }

    [Fact]
    public void Parse_OnlyKind_TakesDefaults()
        => Assert.Equal(new FaultRule(FaultKind.Status503), Parse("""{"kind":"503"}"""));

    [Fact]
    public void Parse_NumericKindAndNullFields_AreAccepted()
        => Assert.Equal(new FaultRule(FaultKind.Status429), Parse("""{"kind":429,"probability":null,"from":null}"""));

    [Theory]
    [InlineData("503,from=60s,until=120s")]
    [InlineData("429,p=0.05")]
    [InlineData("stall,p=0.1,for=5s,after=3")]
    [InlineData("cut")]
    public void Write_ThenParse_RoundTrips(string text)
    {
        var rule = FaultRuleText.Parse(text);

        Assert.Equal(rule, Parse(Write(rule)));
    }

    [Fact]
    public void Write_Outage_WritesDurationsAsStrings()
        => Assert.Equal("""{"kind":"503","probability":1,"from":"60s","until":"120s"}""", Write(FaultRuleText.Parse("503,from=60s,until=120s")));

    [Fact]
    public void Write_MidStream_WritesTheDefaultAfter()
        => Assert.Equal("""{"kind":"cut","probability":0.5,"after":1}""", Write(FaultRuleText.Parse("cut,p=0.5")));

    [Theory]
    [InlineData("""{"kind":"504"}""", "fault: unknown kind '504'; expected one of 429, 500, 503, 529, reset, slow_headers, cut, stall, malformed, error_event")]
    [InlineData("""{"probability":0.5}""", "fault: \"kind\" is required; expected one of 429, 500, 503, 529, reset, slow_headers, cut, stall, malformed, error_event")]
    [InlineData("""{"kind":true}""", "fault: \"kind\":true: expected one of 429, 500, 503, 529, reset, slow_headers, cut, stall, malformed, error_event")]
    [InlineData("""["503"]""", "fault: expected an object such as {\"kind\":\"503\",\"probability\":0.5}, not [\"503\"]")]
    [InlineData("""{"kind":"stall"}""", "fault 'stall': \"for\" is required for stall (how long no bytes are sent, e.g. \"for\":\"5s\")")]
    [InlineData("""{"kind":"429","probability":1.5}""", "fault '429': \"probability\":1.5: expected a probability in (0, 1]")]
    [InlineData("""{"kind":"429","probability":"5%"}""", "fault '429': \"probability\":\"5%\": expected a probability in (0, 1]")]
    [InlineData("""{"kind":"429","p":0.5}""", "fault '429': unknown field \"p\"; expected kind, probability, from, until, for or after")]
    [InlineData("""{"kind":"429","from":"1s","from":"2s"}""", "fault '429': \"from\" is given twice")]
    [InlineData("""{"kind":"503","from":"120s","until":"60s"}""", "fault '503': \"until\":\"60s\": must be later than \"from\":\"120s\"")]
    [InlineData("""{"kind":"503","from":60}""", "fault '503': \"from\":60: expected a string with a duration such as 500ms, 90s, 10m, 1h or 1m30s")]
    [InlineData("""{"kind":"503","for":"5s"}""", "fault '503': \"for\" does not apply to 503; only stall and slow_headers hold something back for a while")]
    [InlineData("""{"kind":"503","after":3}""", "fault '503': \"after\" does not apply to 503, which acts before the response headers; only cut, stall, malformed and error_event take it")]
    [InlineData("""{"kind":"cut","after":1.5}""", "fault 'cut': \"after\":1.5: expected a number of content tokens, 0 or more")]
    [InlineData("""{"kind":"cut","after":-2}""", "fault 'cut': \"after\":-2: expected a number of content tokens, 0 or more")]
    public void Parse_Invalid_ThrowsSpecificMessage(string json, string message)
    {
        var error = Assert.Throws<FormatException>(() => Parse(json));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void ParseList_InvalidItem_NamesItsIndex()
    {
        using var document = JsonDocument.Parse("""{"faults":[{"kind":"503"},{"kind":"stall"}]}""");

        var error = Assert.Throws<FormatException>(() => FaultListJson.ParseList(document.RootElement));

        Assert.StartsWith("faults[1]: fault 'stall': \"for\" is required", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[]""")]
    [InlineData("""{"rules":[]}""")]
    [InlineData("""{"faults":{}}""")]
    public void ParseList_WrongShape_SaysWhatIsExpected(string json)
    {
        using var document = JsonDocument.Parse(json);

        var error = Assert.Throws<FormatException>(() => FaultListJson.ParseList(document.RootElement));

        Assert.Contains("expected {\"faults\":[…]}", error.Message, StringComparison.Ordinal);
    }

    private static FaultRule Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return FaultRuleJson.Parse(document.RootElement);
    }

    private static string Write(FaultRule rule)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            FaultRuleJson.Write(json, rule);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
