using System.Text.Json;

namespace LlmLoad.Simulator.Tests.Embeddings;

public sealed class EmbeddingsErrorTests
{
    private const string InvalidInput = "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.";

    [Theory]
    [InlineData("""{"model":"m","input":""}""")]
    [InlineData("""{"model":"m","input":[]}""")]
    [InlineData("""{"model":"m","input":["fine",""]}""")]
    [InlineData("""{"model":"m","input":{"text":"hi"}}""")]
    public async Task Embeddings_EmptyOrMalformedInput_Returns400WithOpenAisSchemaMessage(string body)
    {
        var (status, json) = await EmbeddingsWireTests.PostAsync(body);

        Assert.Equal(400, status);
        var error = json.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(InvalidInput, error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Embeddings_NoModel_Returns400AskingForTheModel()
    {
        var (status, json) = await EmbeddingsWireTests.PostAsync("""{"input":"hi"}""");

        Assert.Equal(400, status);
        Assert.Equal("you must provide a model parameter", json.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Embeddings_NoInput_Returns400NamingInput()
    {
        var (status, json) = await EmbeddingsWireTests.PostAsync("""{"model":"m"}""");

        Assert.Equal(400, status);
        Assert.Equal("input", json.GetProperty("error").GetProperty("param").GetString());
        Assert.Equal("missing_required_parameter", json.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Embeddings_MoreThan2048Inputs_Returns400NamingTheLimit()
    {
        var body = JsonSerializer.Serialize(new { model = "m", input = Enumerable.Repeat("x", 2049) });

        var (status, json) = await EmbeddingsWireTests.PostAsync(body);

        Assert.Equal(400, status);
        var error = json.GetProperty("error");
        Assert.Equal("input", error.GetProperty("param").GetString());
        Assert.Contains("2048", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embeddings_InputOver8192Tokens_Returns400ContextLengthExceeded()
    {
        var body = JsonSerializer.Serialize(new { model = "m", input = string.Join(' ', Enumerable.Repeat("load", 9000)) });

        var (status, json) = await EmbeddingsWireTests.PostAsync(body);

        Assert.Equal(400, status);
        Assert.Equal("context_length_exceeded", json.GetProperty("error").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("\"dimensions\":0", "dimensions")]
    [InlineData("\"dimensions\":5000", "dimensions")]
    [InlineData("\"dimensions\":\"many\"", "dimensions")]
    [InlineData("\"encoding_format\":\"int8\"", "encoding_format")]
    public async Task Embeddings_BadDimensionsOrEncoding_Returns400NamingTheField(string field, string param)
    {
        var (status, json) = await EmbeddingsWireTests.PostAsync($$"""{"model":"text-embedding-3-small","input":"hi",{{field}}}""");

        Assert.Equal(400, status);
        Assert.Equal(param, json.GetProperty("error").GetProperty("param").GetString());
    }
}
