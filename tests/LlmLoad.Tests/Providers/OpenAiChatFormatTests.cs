using System.Text.Json;
using LlmLoad.Providers;
using LlmLoad.Workload;
using LlmLoad.Providers.Formats;

namespace LlmLoad.Tests.Providers;

public sealed class OpenAiChatFormatTests
{
    [Fact]
    public void BuildBody_Streaming_AsksForUsage()
    {
        using var body = JsonDocument.Parse(new OpenAiChatFormat().BuildBody("gpt-4o-mini", [new ChatTurn("user", "Hello there")], 64, stream: true));
        var root = body.RootElement;

        Assert.Equal("gpt-4o-mini", root.GetProperty("model").GetString());
        Assert.Equal("Hello there", root.GetProperty("messages")[0].GetProperty("content").GetString());
        Assert.Equal(64, root.GetProperty("max_tokens").GetInt32());
        Assert.True(root.GetProperty("stream").GetBoolean());
        Assert.True(root.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
    }

    [Fact]
    public void BuildBody_BufferedWithCompletionTokensField_HasNoStreamOptions()
    {
        using var body = JsonDocument.Parse(new OpenAiChatFormat("max_completion_tokens").BuildBody("o3", [new ChatTurn("user", "Hi")], 10, stream: false));

        Assert.Equal(10, body.RootElement.GetProperty("max_completion_tokens").GetInt32());
        Assert.False(body.RootElement.TryGetProperty("stream_options", out _));
        Assert.False(body.RootElement.TryGetProperty("max_tokens", out _));
    }

    [Fact]
    public void BuildBody_Conversation_SendsEveryTurnInOrderWithItsRole()
    {
        using var body = JsonDocument.Parse(new OpenAiChatFormat().BuildBody("m", [new ChatTurn("system", "Be brief."), new ChatTurn("user", "Hi"), new ChatTurn("assistant", "Hello!"), new ChatTurn("user", "Bye")], 8, stream: false));

        Assert.Equal(
            [("system", "Be brief."), ("user", "Hi"), ("assistant", "Hello!"), ("user", "Bye")],
            body.RootElement.GetProperty("messages").EnumerateArray().Select(m => (m.GetProperty("role").GetString(), m.GetProperty("content").GetString())));
    }

    [Theory]
    [InlineData("http://127.0.0.1:8000/v1", "http://127.0.0.1:8000/v1/chat/completions")]
    [InlineData("http://127.0.0.1:8000/v1/", "http://127.0.0.1:8000/v1/chat/completions")]
    [InlineData("http://127.0.0.1:8000/v1/chat/completions", "http://127.0.0.1:8000/v1/chat/completions")]
    public void Endpoint_FromBaseUrl_AppendsChatCompletions(string baseUrl, string expected)
        => Assert.Equal(new Uri(expected), new OpenAiChatFormat().Endpoint(new Uri(baseUrl), "m", stream: true));
}
