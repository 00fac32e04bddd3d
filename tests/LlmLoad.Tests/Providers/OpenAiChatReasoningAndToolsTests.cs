using System.Text;
using LlmLoad.Providers;
using LlmLoad.Providers.Formats;
using LlmLoad.Recording;

namespace LlmLoad.Tests.Providers;

/// <summary>How chat completions' reasoning deltas (vLLM, DeepSeek, SGLang) and tool-call deltas are counted.</summary>
public sealed class OpenAiChatReasoningAndToolsTests
{
    private const string Head = """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"m","choices":[""";

    [Theory]
    [InlineData("reasoning_content")]
    [InlineData("reasoning")]
    public void ApplyStreamEvent_ReasoningThenContent_ReasoningStartsTtftAndTheAnswerStartsTtfo(string field)
    {
        var capture = Apply(
            (10, Head + """{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}"""),
            (20, Head + $$"""{"index":0,"delta":{"{{field}}":" Let me think"},"finish_reason":null}]}"""),
            (30, Head + $$"""{"index":0,"delta":{"content":null,"{{field}}":" more"},"finish_reason":null}]}"""),
            (40, Head + """{"index":0,"delta":{"content":" Answer"},"finish_reason":null}]}"""),
            (50, Head + """{"index":0,"delta":{},"finish_reason":"stop"}]}"""),
            (60, """{"id":"chatcmpl-1","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":9,"total_tokens":14,"completion_tokens_details":{"reasoning_tokens":6,"audio_tokens":0}}}"""));

        Assert.Equal(20, capture.FirstContentAt);
        Assert.Equal(40, capture.FirstAnswerAt);
        Assert.Equal([20L, 30, 40], capture.ChunkTimes);
        Assert.Equal(2, capture.ReasoningChunks);
        Assert.Equal(6, capture.UsageReasoningTokens);
        Assert.Equal(9, capture.UsageOutputTokens);
        Assert.Equal(" Let me think more Answer", Encoding.UTF8.GetString(capture.Text.WrittenSpan));
    }

    [Fact]
    public void ApplyStreamEvent_ToolCallDeltas_AreTheAnswer_AndToolCallsIsNotATruncation()
    {
        var capture = Apply(
            (10, Head + """{"index":0,"delta":{"role":"assistant","content":null},"finish_reason":null}]}"""),
            (20, Head + """{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""}}]},"finish_reason":null}]}"""),
            (30, Head + """{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]},"finish_reason":null}]}"""),
            (40, Head + """{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]},"finish_reason":null}]}"""),
            (50, Head + """{"index":0,"delta":{},"finish_reason":"tool_calls"}]}"""));

        Assert.Equal(20, capture.FirstContentAt);
        Assert.Equal(20, capture.FirstAnswerAt);
        Assert.Equal([20L, 30, 40], capture.ChunkTimes);
        Assert.Equal(0, capture.ReasoningChunks);
        Assert.Equal("get_weather{\"city\":\"Paris\"}", Encoding.UTF8.GetString(capture.Text.WrittenSpan));
        Assert.Equal("tool_calls", capture.FinishReason);
        Assert.False(Finished(capture.FinishReason).Truncated);
    }

    [Fact]
    public void ApplyBody_MessageWithReasoningAndToolCall_IsOneAnswerChunkWithAllTheText()
    {
        var capture = new ResponseCapture();
        new OpenAiChatFormat().ApplyBody(Encoding.UTF8.GetBytes(
            """{"id":"chatcmpl-2","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":null,"reasoning_content":"Think","tool_calls":[{"id":"call_1","type":"function","function":{"name":"f","arguments":"{}"}}]},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":3,"completion_tokens":7,"completion_tokens_details":{"reasoning_tokens":4}}}"""),
            70, capture);

        Assert.True(capture.Succeeded, capture.ErrorMessage);
        Assert.Equal(70, capture.FirstAnswerAt);
        Assert.Equal("Thinkf{}", Encoding.UTF8.GetString(capture.Text.WrittenSpan));
        Assert.Equal(4, capture.UsageReasoningTokens);
        Assert.Equal("tool_calls", capture.FinishReason);
    }

    [Theory]
    [InlineData("length", true)]
    [InlineData("max_tokens", true)]
    [InlineData("tool_calls", false)]
    [InlineData("tool_use", false)]
    [InlineData("stop", false)]
    public void Truncated_OnlyWhenTheCapCutTheAnswer(string finishReason, bool truncated)
        => Assert.Equal(truncated, Finished(finishReason).Truncated);

    private static RequestRecord Finished(string? finishReason) => new()
    {
        Seq = 0, Warmup = false, ScheduledMs = 0, SentMs = 0, TokenSource = "usage", MaxTokens = 16, InputTokensTokenizer = 1, FinishReason = finishReason,
    };

    private static ResponseCapture Apply(params (long At, string Data)[] events)
    {
        var format = new OpenAiChatFormat();
        var capture = new ResponseCapture();
        foreach (var (at, data) in events)
        {
            Assert.False(format.ApplyStreamEvent("message"u8, Encoding.UTF8.GetBytes(data), at, capture));
        }

        Assert.True(capture.Succeeded, capture.ErrorMessage);
        return capture;
    }
}
