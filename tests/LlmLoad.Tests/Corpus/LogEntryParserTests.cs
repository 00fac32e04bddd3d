using System.Text;
using LlmLoad.Corpus;

using LlmLoad.Workload;

namespace LlmLoad.Tests.Corpus;

public sealed class LogEntryParserTests
{
    [Fact]
    public void Parse_CompletionPrompt_ReadsOutputTokensAndCategory()
    {
        var entry = Parse("""{"prompt": "Hi", "output_tokens": 12, "category": "chat"}""");

        Assert.Equal(("Hi", 12, "chat"), (entry.Prompt, entry.OutputTokens, entry.Category));
    }

    [Fact]
    public void Parse_OpenAiChatWithParts_FlattensTextAndReadsUsage()
    {
        var entry = Parse("""{"messages": [{"role": "developer", "content": "Be terse."}, {"role": "user", "content": [{"type": "text", "text": "Look "}, {"type": "image_url", "image_url": {"url": "x"}}, {"type": "text", "text": "here"}]}], "usage": {"completion_tokens": 40}}""");

        Assert.Equal([new ChatTurn("system", "Be terse."), new ChatTurn("user", "Look here")], entry.Messages);
        Assert.Equal(40, entry.OutputTokens);
    }

    [Fact]
    public void Parse_AnthropicRequestAndResponse_SystemFirstAndAnswerText()
    {
        var entry = Parse("""{"request": {"system": [{"type": "text", "text": "Rules"}], "messages": [{"role": "user", "content": "Q"}, {"role": "assistant", "content": "{"}]}, "response": {"content": [{"type": "text", "text": "the answer"}]}}""");

        Assert.Equal([new ChatTurn("system", "Rules"), new ChatTurn("user", "Q")], entry.Messages);
        Assert.Null(entry.OutputTokens);
        Assert.Equal("the answer", entry.OutputText);
    }

    [Fact]
    public void Parse_ToolResults_SentAsUserInput()
    {
        var entry = Parse("""{"messages": [{"role": "user", "content": "weather?"}, {"role": "assistant", "content": null}, {"role": "tool", "content": "12 C"}], "response": {"usage": {"output_tokens": 9}}}""");

        Assert.Equal(["user", "assistant", "user"], entry.Messages!.Select(m => m.Role));
        Assert.Equal(9, entry.OutputTokens);
    }

    [Fact]
    public void Parse_OpenAiResponseObject_ReadsChoiceText()
        => Assert.Equal("Hello!", Parse("""{"prompt": "Hi", "response": {"choices": [{"message": {"role": "assistant", "content": "Hello!"}}]}}""").OutputText);

    [Theory]
    [InlineData("""{"prompt": 3}""", "'prompt' must be a string, got a number")]
    [InlineData("""{"prompt": "  "}""", "'prompt' is empty")]
    [InlineData("""{"messages": [{"content": "x"}]}""", "messages[0] has no 'role' string")]
    [InlineData("""{"messages": [{"role": "robot", "content": "x"}]}""", "unknown message role 'robot'")]
    [InlineData("""{"messages": [{"role": "system", "content": "x"}]}""", "'messages' has no user message with text")]
    [InlineData("""{"messages": [{"role": "user", "content": 5}]}""", "messages[0].content must be a string or an array of parts, got a number")]
    [InlineData("""{"prompt": "x", "usage": {"completion_tokens": 1.5}}""", "'usage.completion_tokens' must be a non-negative integer, got 1.5")]
    [InlineData("""{"prompt": "x", "category": 7}""", "'category' must be a string, got a number")]
    [InlineData("""{"request": {"model": "m"}}""", "no 'prompt' (string) or 'messages' (array)")]
    [InlineData("""{"prompt": "x",}""", "not valid JSON")]
    public void Parse_Malformed_SaysWhatIsWrong(string line, string expected)
    {
        Assert.Null(LogEntryParser.Parse(Encoding.UTF8.GetBytes(line), out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    private static LogEntry Parse(string line)
    {
        var entry = LogEntryParser.Parse(Encoding.UTF8.GetBytes(line), out var error);
        Assert.True(entry is not null, error);
        return entry!;
    }
}
