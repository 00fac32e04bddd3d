using System.Text;
using System.Text.Json;
using LlmLoad.Providers;
using LlmLoad.Providers.Formats;
using LlmLoad.Workload;

namespace LlmLoad.Tests.Providers;

public sealed class OpenAiEmbeddingsFormatTests
{
    [Fact]
    public void BuildBody_OneInput_SendsItAsAStringWithFloatEncoding()
    {
        using var body = JsonDocument.Parse(new OpenAiEmbeddingsFormat().BuildBody("text-embedding-3-small", [new ChatTurn("user", "Embed me")], 0, stream: false));
        var root = body.RootElement;

        Assert.Equal("text-embedding-3-small", root.GetProperty("model").GetString());
        Assert.Equal("Embed me", root.GetProperty("input").GetString());
        Assert.Equal("float", root.GetProperty("encoding_format").GetString());
        Assert.False(root.TryGetProperty("dimensions", out _));
        Assert.False(root.TryGetProperty("stream", out _));
    }

    [Fact]
    public void BuildBody_Batch_SendsEveryInputInOrderWithDimensionsAndBase64()
    {
        var format = new OpenAiEmbeddingsFormat(3, 256, "base64");

        using var body = JsonDocument.Parse(format.BuildBody("m", [new ChatTurn("user", "a"), new ChatTurn("user", "b"), new ChatTurn("user", "c")], 0, stream: false));

        Assert.Equal(["a", "b", "c"], body.RootElement.GetProperty("input").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(256, body.RootElement.GetProperty("dimensions").GetInt32());
        Assert.Equal("base64", body.RootElement.GetProperty("encoding_format").GetString());
    }

    [Theory]
    [InlineData("http://127.0.0.1:8000/v1", "http://127.0.0.1:8000/v1/embeddings")]
    [InlineData("http://127.0.0.1:8000/v1/embeddings", "http://127.0.0.1:8000/v1/embeddings")]
    public void Endpoint_FromBaseUrl_AppendsEmbeddings(string baseUrl, string expected)
        => Assert.Equal(new Uri(expected), new OpenAiEmbeddingsFormat().Endpoint(new Uri(baseUrl), "m", stream: false));

    [Fact]
    public void ApplyBody_OneVectorPerInput_ReadsUsageAsInputTokensAndNoOutput()
    {
        var capture = Apply(new OpenAiEmbeddingsFormat(2), """{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.6,0.8]},{"object":"embedding","index":1,"embedding":[1.0,0.0]}],"model":"m","usage":{"prompt_tokens":17,"total_tokens":17}}""");

        Assert.True(capture.Succeeded, capture.ErrorMessage);
        Assert.Equal(17, capture.UsageInputTokens);
        Assert.Equal(0, capture.UsageOutputTokens);
        Assert.Empty(capture.ChunkTimes);
    }

    [Fact]
    public void ApplyBody_FewerVectorsThanInputs_FailsNamingBothCounts()
    {
        var capture = Apply(new OpenAiEmbeddingsFormat(4), """{"object":"list","data":[{"object":"embedding","index":0,"embedding":[1.0]}],"usage":{"prompt_tokens":4,"total_tokens":4}}""");

        Assert.Equal(ErrorClass.StreamError, capture.Error);
        Assert.Equal("the answer held 1 embeddings for the 4 inputs sent", capture.ErrorMessage);
    }

    [Fact]
    public void ApplyBody_NotAnEmbeddingsList_Fails()
    {
        var capture = Apply(new OpenAiEmbeddingsFormat(), """{"id":"chatcmpl-1","choices":[]}""");

        Assert.Equal(ErrorClass.StreamError, capture.Error);
        Assert.Contains("not an embeddings list", capture.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyBody_VectorsOfAnotherLengthThanAskedFor_Fails()
    {
        // "AACAPwAAAAA=" is 8 bytes, two float32s (1.0 and 0.0); three were asked for.
        var capture = Apply(new OpenAiEmbeddingsFormat(1, 3, "base64"), """{"object":"list","data":[{"object":"embedding","index":0,"embedding":"AACAPwAAAAA="}],"usage":{"prompt_tokens":1,"total_tokens":1}}""");

        Assert.Equal(ErrorClass.StreamError, capture.Error);
        Assert.Equal("embedding 0 has 2 dimensions, not the 3 asked for", capture.ErrorMessage);
    }

    [Fact]
    public void ApplyStreamEvent_AnyEvent_FailsBecauseEmbeddingsDoNotStream()
    {
        var capture = new ResponseCapture();

        var ended = new OpenAiEmbeddingsFormat().ApplyStreamEvent([], "{}"u8, 1, capture);

        Assert.True(ended);
        Assert.Equal(ErrorClass.StreamError, capture.Error);
    }

    private static ResponseCapture Apply(OpenAiEmbeddingsFormat format, string body)
    {
        var capture = new ResponseCapture();
        format.ApplyBody(Encoding.UTF8.GetBytes(body), 1, capture);
        return capture;
    }
}
