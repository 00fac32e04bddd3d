using System.Net;
using System.Text;
using System.Text.Json;
using LlmLoad.Providers;
using LlmLoad.Tests.Support;
using LlmLoad.Workload;
using Microsoft.Extensions.Time.Testing;
using LlmLoad.Providers.Formats;
using LlmLoad.Providers.Transport;

namespace LlmLoad.Tests.Providers;

public sealed class AnthropicMessagesFormatTests
{
    private const string Start = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_01abc\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"claude-sonnet-4-5\",\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":11,\"cache_creation_input_tokens\":2,\"cache_read_input_tokens\":100,\"output_tokens\":1}}}\n\n";
    private const string BlockStart = "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n";
    private const string Ping = "event: ping\ndata: {\"type\": \"ping\"}\n\n";
    private const string BlockStop = "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n";
    private const string Stop = "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

    [Fact]
    public async Task SendAsync_RealEventSequence_TtftFromFirstTextDeltaAndCumulativeUsage()
    {
        var (capture, clock) = await SendAsync(HttpStatusCode.OK, "text/event-stream; charset=utf-8",
            (80, Start + BlockStart + Ping), (120, Delta("Hello")), (15, Delta(" there")),
            (5, BlockStop + MessageDelta("end_turn", 2)), (1, MessageDelta("end_turn", 6) + Stop));

        Assert.True(capture.Succeeded, capture.ErrorMessage);
        Assert.Equal("msg_01abc", capture.ResponseId);
        Assert.Equal(200, clock.GetElapsedTime(capture.SentAt, capture.FirstContentAt).TotalMilliseconds);
        Assert.Equal(221, clock.GetElapsedTime(capture.SentAt, capture.EndAt).TotalMilliseconds);
        Assert.Equal(2, capture.ChunkTimes.Count);
        Assert.Equal("Hello there", Encoding.UTF8.GetString(capture.Text.WrittenSpan));
        Assert.Equal("end_turn", capture.FinishReason);
        Assert.Equal(6, capture.UsageOutputTokens);
        Assert.Equal(113, capture.UsageInputTokens);
        Assert.Equal(100, capture.UsageCachedTokens);
    }

    [Fact]
    public async Task SendAsync_ExtendedThinking_ThinkingDeltasAreReasoning_TextAndToolInputAreTheAnswer()
    {
        const string thinkingStart = "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}\n\n";
        const string signature = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"EqQBCgIYAhIM\"}}\n\n";
        const string toolStart = "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_01\",\"name\":\"get_weather\",\"input\":{}}}\n\n";
        const string toolInput = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\": \\\"Oslo\\\"}\"}}\n\n";
        var (capture, clock) = await SendAsync(HttpStatusCode.OK, "text/event-stream",
            (50, Start + thinkingStart), (100, Thinking("Let me")), (10, Thinking(" think.")), (5, signature + BlockStop),
            (30, Delta("Sunny")), (10, toolStart + toolInput), (1, MessageDelta("tool_use", 9) + Stop));

        Assert.True(capture.Succeeded, capture.ErrorMessage);
        Assert.Equal(4, capture.ChunkTimes.Count);
        Assert.Equal(2, capture.ReasoningChunks);
        Assert.Equal(150, clock.GetElapsedTime(capture.SentAt, capture.FirstContentAt).TotalMilliseconds);
        Assert.Equal(195, clock.GetElapsedTime(capture.SentAt, capture.FirstAnswerAt).TotalMilliseconds);
        Assert.Equal("Let me think.Sunny{\"city\": \"Oslo\"}", Encoding.UTF8.GetString(capture.Text.WrittenSpan));
        Assert.Equal("tool_use", capture.FinishReason);
    }

    [Fact]
    public void BuildBody_SystemTurns_GoToTheTopLevelSystemField()
    {
        using var body = JsonDocument.Parse(new AnthropicMessagesFormat().BuildBody("claude-haiku-4-5", [new ChatTurn("system", "Be brief."), new ChatTurn("user", "Hi"), new ChatTurn("assistant", "Hello!"), new ChatTurn("user", "Bye")], 16, stream: false));
        var root = body.RootElement;

        Assert.Equal("Be brief.", root.GetProperty("system").GetString());
        Assert.Equal(["user", "assistant", "user"], root.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal(16, root.GetProperty("max_tokens").GetInt32());
    }

    [Fact]
    public async Task SendAsync_OverloadedErrorEventInsideOkStream_IsStreamError()
    {
        var (capture, _) = await SendAsync(HttpStatusCode.OK, "text/event-stream",
            (10, Start + Delta("Hi")), (10, "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n"));

        Assert.Equal(ErrorClass.StreamError, capture.Error);
        Assert.Contains("Overloaded", capture.ErrorMessage);
    }

    [Fact]
    public async Task SendAsync_Http529_IsOverloaded()
    {
        var (capture, _) = await SendAsync((HttpStatusCode)529, "application/json",
            (5, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_1"}"""));

        Assert.Equal(ErrorClass.Overloaded, capture.Error);
        Assert.Equal("HTTP 529: Overloaded", capture.ErrorMessage);
    }

    [Fact]
    public async Task SendAsync_BufferedMessage_ReadsTextStopReasonAndUsage()
    {
        var (capture, _) = await SendAsync(HttpStatusCode.OK, "application/json",
            (300, """{"id":"msg_buf","type":"message","role":"assistant","model":"m","content":[{"type":"text","text":"Hi there"}],"stop_reason":"max_tokens","stop_sequence":null,"usage":{"input_tokens":9,"output_tokens":2}}"""));

        Assert.True(capture.Succeeded, capture.ErrorMessage);
        Assert.Equal("msg_buf", capture.ResponseId);
        Assert.Equal("max_tokens", capture.FinishReason);
        Assert.Equal(9, capture.UsageInputTokens);
        Assert.Equal(2, capture.UsageOutputTokens);
        Assert.Single(capture.ChunkTimes);
    }

    [Fact]
    public async Task SendAsync_Headers_VersionAlwaysKeyAsXApiKeyNeverBearer()
    {
        var handler = new ScriptedHandler(HttpStatusCode.OK, "text/event-stream", () => new MemoryStream(Encoding.UTF8.GetBytes(Start + Stop)));
        using var http = new HttpClient(handler);
        var sender = new RequestSender(http, new AnthropicMessagesFormat(), new TargetSettings(new Uri("http://127.0.0.1:9/v1"), "m", true, "sk-ant-test", TimeSpan.FromSeconds(5)), new FakeTimeProvider());

        await sender.SendAsync(new AnthropicMessagesFormat().BuildBody("claude-haiku-4-5", [new ChatTurn("user", "Hello")], 32, stream: true), CancellationToken.None);

        var request = handler.LastRequest!;
        Assert.Equal(new Uri("http://127.0.0.1:9/v1/messages"), request.RequestUri);
        Assert.Equal(AnthropicMessagesFormat.ApiVersion, Assert.Single(request.Headers.GetValues("anthropic-version")));
        Assert.Equal("sk-ant-test", Assert.Single(request.Headers.GetValues("x-api-key")));
        Assert.Null(request.Headers.Authorization);
        using var body = JsonDocument.Parse(handler.LastRequestBody!);
        Assert.Equal(32, body.RootElement.GetProperty("max_tokens").GetInt32());
        Assert.True(body.RootElement.GetProperty("stream").GetBoolean());
        Assert.Equal("Hello", body.RootElement.GetProperty("messages")[0].GetProperty("content").GetString());
    }

    private static string Delta(string text) => $"event: content_block_delta\ndata: {{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{{\"type\":\"text_delta\",\"text\":\"{text}\"}}}}\n\n";

    private static string Thinking(string text) => $"event: content_block_delta\ndata: {{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{{\"type\":\"thinking_delta\",\"thinking\":\"{text}\"}}}}\n\n";

    private static string MessageDelta(string stopReason, int outputTokens)
        => $"event: message_delta\ndata: {{\"type\":\"message_delta\",\"delta\":{{\"stop_reason\":\"{stopReason}\",\"stop_sequence\":null}},\"usage\":{{\"output_tokens\":{outputTokens}}}}}\n\n";

    private static async Task<(ResponseCapture, FakeTimeProvider)> SendAsync(HttpStatusCode status, string contentType, params (double Ms, string Text)[] reads)
    {
        var clock = new FakeTimeProvider();
        var script = reads.Select(r => (TimeSpan.FromMilliseconds(r.Ms), (byte[]?)Encoding.UTF8.GetBytes(r.Text))).ToList();
        var handler = new ScriptedHandler(status, contentType, () => new ScriptedStream(clock, script));
        using var http = new HttpClient(handler);
        var sender = new RequestSender(http, new AnthropicMessagesFormat(), new TargetSettings(new Uri("http://127.0.0.1:9/v1"), "m", true, "k", TimeSpan.FromSeconds(10)), clock);
        return (await sender.SendAsync([], CancellationToken.None), clock);
    }
}
