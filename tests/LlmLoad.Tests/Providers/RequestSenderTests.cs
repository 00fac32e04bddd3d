using System.Net;
using System.Net.Sockets;
using LlmLoad.Providers;
using LlmLoad.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using LlmLoad.Providers.Formats;
using LlmLoad.Providers.Transport;

namespace LlmLoad.Tests.Providers;

public sealed class RequestSenderTests
{
    private const string EventStream = "text/event-stream; charset=utf-8";

    [Fact]
    public async Task SendAsync_RoleOnlyFirstChunk_TtftStartsAtFirstContent()
    {
        var (capture, clock) = await SendAsync(HttpStatusCode.OK, EventStream,
            (100, Sse.Role()), (150, Sse.Content("Hello")), (20, Sse.Content(" world")),
            (20, Sse.Finish("stop") + Sse.Usage(12, 2) + Sse.Done()));

        Assert.True(capture.Succeeded, capture.ErrorMessage);
        Assert.Equal(250, Ms(clock, capture.SentAt, capture.FirstContentAt));
        Assert.Equal(270, Ms(clock, capture.SentAt, capture.LastContentAt));
        Assert.Equal(290, Ms(clock, capture.SentAt, capture.EndAt));
        Assert.Equal(2, capture.ChunkTimes.Count);
        Assert.Equal(Sse.Id, capture.ResponseId);
        Assert.Equal("stop", capture.FinishReason);
        Assert.Equal(12, capture.UsageInputTokens);
        Assert.Equal(2, capture.UsageOutputTokens);
        Assert.Equal("Hello world", System.Text.Encoding.UTF8.GetString(capture.Text.WrittenSpan));
    }

    [Fact]
    public async Task SendAsync_EventSplitAcrossReads_TimestampedWhenItsLastByteArrives()
    {
        var content = Sse.Content("Hi");
        var (capture, clock) = await SendAsync(HttpStatusCode.OK, EventStream,
            (10, content[..25]), (40, content[25..]), (5, Sse.Usage(1, 1) + Sse.Done()));

        Assert.True(capture.Succeeded, capture.ErrorMessage);
        Assert.Equal(50, Ms(clock, capture.SentAt, capture.FirstContentAt));
    }

    [Fact]
    public async Task SendAsync_SeveralEventsInOneRead_AllCountedWithThatReadsTime()
    {
        var (capture, clock) = await SendAsync(HttpStatusCode.OK, EventStream,
            (30, Sse.Role() + Sse.Content("a") + Sse.Content("b") + Sse.Content("c")), (10, Sse.Usage(3, 3) + Sse.Done()));

        Assert.Equal(3, capture.ChunkTimes.Count);
        Assert.All(capture.ChunkTimes, t => Assert.Equal(30, Ms(clock, capture.SentAt, t)));
    }

    [Fact]
    public async Task SendAsync_UsageChunkWithCachedTokens_ReadsAllCounts()
    {
        var (capture, _) = await SendAsync(HttpStatusCode.OK, EventStream,
            (1, Sse.Content("x") + Sse.Finish("length") + Sse.Usage(500, 1, cached: 384) + Sse.Done()));

        Assert.Equal(500, capture.UsageInputTokens);
        Assert.Equal(1, capture.UsageOutputTokens);
        Assert.Equal(384, capture.UsageCachedTokens);
        Assert.Equal("length", capture.FinishReason);
    }

    [Fact]
    public async Task SendAsync_ErrorObjectInsideOkStream_IsStreamErrorWithServerMessage()
    {
        var (capture, _) = await SendAsync(HttpStatusCode.OK, EventStream,
            (5, Sse.Content("a")), (5, Sse.Event("""{"error":{"message":"The server had an error while processing your request","type":"server_error"}}""")));

        Assert.Equal(ErrorClass.StreamError, capture.Error);
        Assert.Contains("The server had an error", capture.ErrorMessage);
        Assert.Equal(200, capture.Status);
    }

    [Fact]
    public async Task SendAsync_MalformedJson_IsStreamError()
    {
        var (capture, _) = await SendAsync(HttpStatusCode.OK, EventStream, (5, Sse.Content("a")), (5, "data: {\"id\":\"x\",\"choices\":[{\n\n"));

        Assert.Equal(ErrorClass.StreamError, capture.Error);
        Assert.Contains("malformed", capture.ErrorMessage);
    }

    [Fact]
    public async Task SendAsync_StreamCutBeforeDone_IsStreamErrorKeepingWhatArrived()
    {
        var (capture, _) = await SendAsync(HttpStatusCode.OK, EventStream, (5, Sse.Content("a")), (5, Sse.Content("b")));

        Assert.Equal(ErrorClass.StreamError, capture.Error);
        Assert.Contains("ended before", capture.ErrorMessage);
        Assert.Equal(2, capture.ChunkTimes.Count);
    }

    [Theory]
    [InlineData(429, """{"error":{"message":"Rate limit reached for gpt-4o-mini on tokens per min (TPM)","type":"tokens","param":null,"code":"rate_limit_exceeded"}}""", ErrorClass.RateLimited)]
    [InlineData(529, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""", ErrorClass.Overloaded)]
    [InlineData(503, """{"error":{"message":"The engine is currently overloaded","type":"service_unavailable_error","code":"server_is_overloaded"}}""", ErrorClass.Overloaded)]
    [InlineData(503, """{"error":{"message":"Service Unavailable","type":"server_error"}}""", ErrorClass.ServerError)]
    [InlineData(500, """{"error":{"message":"boom","type":"server_error"}}""", ErrorClass.ServerError)]
    [InlineData(400, """{"error":{"message":"context_length_exceeded","type":"invalid_request_error"}}""", ErrorClass.ClientError)]
    [InlineData(401, "<html>Unauthorized</html>", ErrorClass.ClientError)]
    public async Task SendAsync_HttpError_MapsToContractErrorClass(int status, string body, ErrorClass expected)
    {
        var (capture, _) = await SendAsync((HttpStatusCode)status, "application/json", (1, body));

        Assert.Equal(expected, capture.Error);
        Assert.Equal(status, capture.Status);
        Assert.StartsWith($"HTTP {status}: ", capture.ErrorMessage);
    }

    [Fact]
    public async Task SendAsync_BufferedResponse_ReadsContentUsageAndId()
    {
        const string body = """{"id":"chatcmpl-buf","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"This is a test!","refusal":null},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":13,"completion_tokens":5,"total_tokens":18}}""";
        var (capture, clock) = await SendAsync(HttpStatusCode.OK, "application/json", (400, body));

        Assert.True(capture.Succeeded, capture.ErrorMessage);
        Assert.Equal("chatcmpl-buf", capture.ResponseId);
        Assert.Equal(5, capture.UsageOutputTokens);
        Assert.Single(capture.ChunkTimes);
        Assert.Equal(400, Ms(clock, capture.SentAt, capture.EndAt));
    }

    [Fact]
    public async Task SendAsync_StalledStream_IsTimeout()
    {
        var (capture, _) = await SendAsync(HttpStatusCode.OK, EventStream, TimeSpan.FromMilliseconds(200), null, (5, Sse.Content("a")), (0, null));

        Assert.Equal(ErrorClass.Timeout, capture.Error);
    }

    [Fact]
    public async Task SendAsync_NothingListening_IsConnectionError()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var http = new HttpClient();
        var sender = new RequestSender(http, new OpenAiChatFormat(), new TargetSettings(new Uri($"http://127.0.0.1:{port}/v1"), "m", true, null, TimeSpan.FromSeconds(5)), TimeProvider.System);

        var capture = await sender.SendAsync([], CancellationToken.None);

        Assert.Equal(ErrorClass.Connection, capture.Error);
        Assert.Equal(0, capture.Status);
    }

    [Fact]
    public async Task SendAsync_ApiKey_SentAsBearerAndRedactedFromEchoedErrors()
    {
        const string key = "sk-test-SECRET-1234567890";
        var clock = new FakeTimeProvider();
        var handler = new ScriptedHandler(HttpStatusCode.Unauthorized, "application/json",
            () => new MemoryStream(Sse.Bytes($$$"""{"error":{"message":"Incorrect API key provided: {{{key}}}","type":"invalid_request_error"}}""")));
        using var http = new HttpClient(handler);
        var sender = new RequestSender(http, new OpenAiChatFormat(), new TargetSettings(new Uri("http://127.0.0.1:9/v1"), "m", true, key, TimeSpan.FromSeconds(5)), clock);

        var capture = await sender.SendAsync([], CancellationToken.None);

        Assert.Equal($"Bearer {key}", handler.LastRequest!.Headers.Authorization!.ToString());
        Assert.Equal(new Uri("http://127.0.0.1:9/v1/chat/completions"), handler.LastRequest.RequestUri);
        Assert.DoesNotContain(key, capture.ErrorMessage);
        Assert.Contains("***", capture.ErrorMessage);
    }

    private static Task<(ResponseCapture, FakeTimeProvider)> SendAsync(HttpStatusCode status, string contentType, params (double Ms, string? Text)[] reads)
        => SendAsync(status, contentType, TimeSpan.FromSeconds(10), null, reads);

    private static async Task<(ResponseCapture, FakeTimeProvider)> SendAsync(HttpStatusCode status, string contentType, TimeSpan timeout, string? apiKey, params (double Ms, string? Text)[] reads)
    {
        var clock = new FakeTimeProvider();
        var script = reads.Select(r => (TimeSpan.FromMilliseconds(r.Ms), r.Text is null ? null : Sse.Bytes(r.Text))).ToList();
        var handler = new ScriptedHandler(status, contentType, () => new ScriptedStream(clock, script));
        using var http = new HttpClient(handler);
        var sender = new RequestSender(http, new OpenAiChatFormat(), new TargetSettings(new Uri("http://127.0.0.1:9/v1"), "m", true, apiKey, timeout), clock);
        var capture = await sender.SendAsync(Sse.Bytes("{}"), CancellationToken.None);
        return (capture, clock);
    }

    private static double Ms(FakeTimeProvider clock, long from, long to) => clock.GetElapsedTime(from, to).TotalMilliseconds;
}
