using System.Net;
using System.Text;
using System.Text.Json;
using LlmLoad.Providers;
using LlmLoad.Providers.Formats;
using LlmLoad.Providers.Transport;
using LlmLoad.Shared;
using LlmLoad.Tests.Support;
using LlmLoad.Workload;
using Microsoft.Extensions.Time.Testing;

namespace LlmLoad.Tests.Providers;

/// <summary>
/// The Gemini format against literal wire bytes in the shape the live API sends (gemini-2.5-flash): one
/// GenerateContentResponse per <c>data:</c> line, CRLF framing, usage on every chunk, no end marker.
/// </summary>
public sealed class GeminiGenerateContentFormatTests
{
    private const string Id = "q5ZlaeK2Gq6f1e8PpuLrmA4";

    [Fact]
    public async Task SendAsync_TextStream_TtftFromFirstPartEndAtTheEndOfTheBodyAndFinalUsage()
    {
        var (capture, clock) = await SendAsync(HttpStatusCode.OK, "text/event-stream",
            (150, Chunk("""{"text": "The sky"}""", usage: """{"promptTokenCount": 9,"candidatesTokenCount": 2,"totalTokenCount": 11,"promptTokensDetails": [{"modality": "TEXT","tokenCount": 9}]}""")),
            (20, Chunk("""{"text": " is blue"}""", usage: """{"promptTokenCount": 9,"candidatesTokenCount": 4,"totalTokenCount": 13}""")),
            (20, Chunk("""{"text": " by day."}""", finishReason: "STOP", usage: """{"promptTokenCount": 9,"candidatesTokenCount": 7,"totalTokenCount": 16}""")));

        Assert.True(capture.Succeeded, capture.ErrorMessage);
        Assert.Equal(Id, capture.ResponseId);
        Assert.Equal("The sky is blue by day.", Encoding.UTF8.GetString(capture.Text.WrittenSpan));
        Assert.Equal(3, capture.ChunkTimes.Count);
        Assert.Equal(0, capture.ReasoningChunks);
        Assert.Equal(150, clock.GetElapsedTime(capture.SentAt, capture.FirstContentAt).TotalMilliseconds);
        Assert.Equal(150, clock.GetElapsedTime(capture.SentAt, capture.FirstAnswerAt).TotalMilliseconds);
        Assert.Equal(190, clock.GetElapsedTime(capture.SentAt, capture.EndAt).TotalMilliseconds);
        Assert.Equal("stop", capture.FinishReason);
        Assert.Equal(9, capture.UsageInputTokens);
        Assert.Equal(7, capture.UsageOutputTokens);
        Assert.Null(capture.UsageReasoningTokens);
        Assert.Null(capture.UsageCachedTokens);
    }

    [Fact]
    public async Task SendAsync_ThoughtParts_AreReasoningChunks_OutputCountsCandidatesAndThoughts()
    {
        var (capture, clock) = await SendAsync(HttpStatusCode.OK, "text/event-stream",
            (300, Chunk("""{"text": "**Weighing the question**\n\nThe user asks","thought": true}""", usage: """{"promptTokenCount": 12,"totalTokenCount": 52,"thoughtsTokenCount": 40}""")),
            (400, Chunk("""{"text": " about colour.\n\n","thought": true}""", usage: """{"promptTokenCount": 12,"totalTokenCount": 92,"thoughtsTokenCount": 80}""")),
            (100, Chunk("""{"text": "Blue.","thoughtSignature": "CikB0e2KbwvEqAUe"}""", finishReason: "STOP", usage: """{"promptTokenCount": 12,"candidatesTokenCount": 2,"totalTokenCount": 94,"thoughtsTokenCount": 80}""")));

        Assert.True(capture.Succeeded, capture.ErrorMessage);
        Assert.Equal(3, capture.ChunkTimes.Count);
        Assert.Equal(2, capture.ReasoningChunks);
        Assert.Equal(300, clock.GetElapsedTime(capture.SentAt, capture.FirstContentAt).TotalMilliseconds);
        Assert.Equal(800, clock.GetElapsedTime(capture.SentAt, capture.FirstAnswerAt).TotalMilliseconds);
        Assert.Equal("**Weighing the question**\n\nThe user asks about colour.\n\nBlue.", Encoding.UTF8.GetString(capture.Text.WrittenSpan));
        // candidatesTokenCount leaves the thoughts out: totalTokenCount 94 = 12 prompt + 2 candidates + 80 thoughts.
        Assert.Equal(82, capture.UsageOutputTokens);
        Assert.Equal(80, capture.UsageReasoningTokens);
        Assert.Equal(12, capture.UsageInputTokens);
    }

    [Fact]
    public async Task SendAsync_FunctionCallPart_IsAnswerContentAppendedAsItsJson()
    {
        var (capture, clock) = await SendAsync(HttpStatusCode.OK, "text/event-stream",
            (90, Chunk("""{"text": "Checking the weather.","thought": true}""", usage: """{"promptTokenCount": 51,"totalTokenCount": 106,"thoughtsTokenCount": 55}""")),
            (60, Chunk("""{"functionCall": {"name": "get_weather","args": {"city": "Paris"}},"thoughtSignature": "CiQBaRR9Eyw3lLUk"}""", finishReason: "STOP", usage: """{"promptTokenCount": 51,"candidatesTokenCount": 15,"totalTokenCount": 121,"thoughtsTokenCount": 55}""")));

        Assert.True(capture.Succeeded, capture.ErrorMessage);
        Assert.Equal(2, capture.ChunkTimes.Count);
        Assert.Equal(1, capture.ReasoningChunks);
        Assert.Equal(150, clock.GetElapsedTime(capture.SentAt, capture.FirstAnswerAt).TotalMilliseconds);
        Assert.Equal("""Checking the weather.{"name": "get_weather","args": {"city": "Paris"}}""", Encoding.UTF8.GetString(capture.Text.WrittenSpan));
        Assert.Equal("stop", capture.FinishReason);
        Assert.Equal(70, capture.UsageOutputTokens);
    }

    [Fact]
    public async Task SendAsync_ThoughtAndAnswerPartsInOneEvent_AreOneAnswerChunk()
    {
        var (capture, _) = await SendAsync(HttpStatusCode.OK, "text/event-stream",
            (50, Chunk("""{"text": "Hmm.","thought": true},{"text": "Yes."}""", finishReason: "STOP", usage: """{"promptTokenCount": 3,"candidatesTokenCount": 1,"totalTokenCount": 6,"thoughtsTokenCount": 2}""")));

        Assert.True(capture.Succeeded, capture.ErrorMessage);
        Assert.Single(capture.ChunkTimes);
        Assert.Equal(0, capture.ReasoningChunks);
        Assert.Equal(capture.FirstContentAt, capture.FirstAnswerAt);
        Assert.Equal(3, capture.UsageOutputTokens);
    }

    [Fact]
    public async Task SendAsync_EmptyFinalPart_IsNotAChunk()
    {
        var (capture, _) = await SendAsync(HttpStatusCode.OK, "text/event-stream",
            (40, Chunk("""{"text": "Hi"}""")),
            (10, Chunk("""{"text": ""}""", finishReason: "STOP", usage: """{"promptTokenCount": 2,"candidatesTokenCount": 1,"totalTokenCount": 3}""")));

        Assert.True(capture.Succeeded, capture.ErrorMessage);
        Assert.Single(capture.ChunkTimes);
        Assert.Equal(1, capture.UsageOutputTokens);
    }

    [Theory]
    [InlineData("MAX_TOKENS", "length")]
    [InlineData("SAFETY", "content_filter")]
    [InlineData("RECITATION", "content_filter")]
    [InlineData("BLOCKLIST", "content_filter")]
    [InlineData("PROHIBITED_CONTENT", "content_filter")]
    [InlineData("SPII", "content_filter")]
    [InlineData("MALFORMED_FUNCTION_CALL", "malformed_function_call")]
    [InlineData("OTHER", "other")]
    public async Task SendAsync_FinishReason_IsMappedToTheContractsWords(string reason, string expected)
    {
        var (capture, _) = await SendAsync(HttpStatusCode.OK, "text/event-stream",
            (40, Chunk("""{"text": "Some"}""")),
            (10, Chunk("""{"text": " words"}""", finishReason: reason, usage: """{"promptTokenCount": 4,"candidatesTokenCount": 2,"totalTokenCount": 6}""")));

        Assert.True(capture.Succeeded, capture.ErrorMessage);
        Assert.Equal(expected, capture.FinishReason);
    }

    [Fact]
    public async Task SendAsync_SafetyStopWithNoContent_SucceedsAsContentFilter()
    {
        // When a filter blocks the output of a stream, the candidate comes with its reason and no content.
        var (capture, _) = await SendAsync(HttpStatusCode.OK, "text/event-stream",
            (40, Event("""{"candidates": [{"finishReason": "SAFETY","index": 0,"safetyRatings": [{"category": "HARM_CATEGORY_DANGEROUS_CONTENT","probability": "HIGH","blocked": true}]}],"usageMetadata": {"promptTokenCount": 8,"totalTokenCount": 8},"modelVersion": "gemini-2.5-flash","responseId": "r1"}""")));

        Assert.True(capture.Succeeded, capture.ErrorMessage);
        Assert.Equal("content_filter", capture.FinishReason);
        Assert.Empty(capture.ChunkTimes);
        Assert.Equal(8, capture.UsageInputTokens);
    }

    [Fact]
    public async Task SendAsync_StreamEndsBeforeAFinishReason_IsStreamError()
    {
        var (capture, _) = await SendAsync(HttpStatusCode.OK, "text/event-stream",
            (40, Chunk("""{"text": "Half"}""")), (10, Chunk("""{"text": " an answer"}""")));

        Assert.Equal(ErrorClass.StreamError, capture.Error);
        Assert.Equal("the response ended without a candidate's finishReason", capture.ErrorMessage);
        Assert.Equal(2, capture.ChunkTimes.Count);
    }

    [Fact]
    public async Task SendAsync_BlockedPrompt_IsClientErrorAndEndsTheStream()
    {
        var (capture, _) = await SendAsync(HttpStatusCode.OK, "text/event-stream",
            (60, Event("""{"promptFeedback": {"blockReason": "PROHIBITED_CONTENT"},"usageMetadata": {"promptTokenCount": 7,"totalTokenCount": 7},"modelVersion": "gemini-2.5-flash","responseId": "r2"}""")),
            (10, Chunk("""{"text": "never read"}""", finishReason: "STOP")));

        Assert.Equal(ErrorClass.ClientError, capture.Error);
        Assert.Equal("prompt blocked: PROHIBITED_CONTENT", capture.ErrorMessage);
        Assert.Empty(capture.ChunkTimes);
    }

    [Fact]
    public async Task SendAsync_ErrorObjectInsideOkStream_IsStreamError()
    {
        var (capture, _) = await SendAsync(HttpStatusCode.OK, "text/event-stream",
            (40, Chunk("""{"text": "Hi"}""")),
            (10, Event("""{"error": {"code": 500,"message": "An internal error has occurred.","status": "INTERNAL"}}""")));

        Assert.Equal(ErrorClass.StreamError, capture.Error);
        Assert.Equal("error event in stream: INTERNAL: An internal error has occurred.", capture.ErrorMessage);
    }

    [Fact]
    public async Task SendAsync_BufferedResponse_ReadsPartsFinishUsageAndCachedTokens()
    {
        const string body = """
            {
              "candidates": [
                {
                  "content": {
                    "parts": [
                      {
                        "text": "Hello there"
                      }
                    ],
                    "role": "model"
                  },
                  "finishReason": "MAX_TOKENS",
                  "index": 0
                }
              ],
              "usageMetadata": {
                "promptTokenCount": 2100,
                "candidatesTokenCount": 2,
                "totalTokenCount": 2102,
                "cachedContentTokenCount": 2048,
                "promptTokensDetails": [
                  {
                    "modality": "TEXT",
                    "tokenCount": 2100
                  }
                ]
              },
              "modelVersion": "gemini-2.0-flash",
              "responseId": "buffered-1"
            }
            """;
        var (capture, clock) = await SendAsync(HttpStatusCode.OK, "application/json; charset=UTF-8", (420, body));

        Assert.True(capture.Succeeded, capture.ErrorMessage);
        Assert.Equal("buffered-1", capture.ResponseId);
        Assert.Equal("length", capture.FinishReason);
        Assert.Equal((2100, 2, 2048), (capture.UsageInputTokens, capture.UsageOutputTokens, capture.UsageCachedTokens));
        Assert.Single(capture.ChunkTimes);
        Assert.Equal(420, clock.GetElapsedTime(capture.SentAt, capture.FirstContentAt).TotalMilliseconds);
    }

    [Fact]
    public async Task SendAsync_BufferedBlockedPrompt_IsClientError()
    {
        var (capture, _) = await SendAsync(HttpStatusCode.OK, "application/json",
            (30, """{"promptFeedback": {"blockReason": "SAFETY","safetyRatings": []},"usageMetadata": {"promptTokenCount": 5,"totalTokenCount": 5},"responseId": "r3"}"""));

        Assert.Equal(ErrorClass.ClientError, capture.Error);
        Assert.Equal("prompt blocked: SAFETY", capture.ErrorMessage);
    }

    [Fact]
    public async Task SendAsync_BufferedBodyOfAnotherApi_IsStreamError()
    {
        var (capture, _) = await SendAsync(HttpStatusCode.OK, "application/json", (30, """{"id":"chatcmpl-1","object":"chat.completion","choices":[]}"""));

        Assert.Equal(ErrorClass.StreamError, capture.Error);
        Assert.Equal("response body is not a GenerateContentResponse", capture.ErrorMessage);
    }

    [Theory]
    [InlineData(429, """{"error": {"code": 429,"message": "You exceeded your current quota, please check your plan and billing details.\nPlease retry in 13.4s.","status": "RESOURCE_EXHAUSTED","details": [{"@type": "type.googleapis.com/google.rpc.RetryInfo","retryDelay": "13s"}]}}""", ErrorClass.RateLimited, "RESOURCE_EXHAUSTED: You exceeded your current quota, please check your plan and billing details.\nPlease retry in 13.4s.")]
    [InlineData(503, """{"error": {"code": 503,"message": "The model is overloaded. Please try again later.","status": "UNAVAILABLE"}}""", ErrorClass.Overloaded, "UNAVAILABLE: The model is overloaded. Please try again later.")]
    [InlineData(503, """{"error": {"code": 503,"message": "Service temporarily down.","status": "UNAVAILABLE"}}""", ErrorClass.Overloaded, "UNAVAILABLE: Service temporarily down.")]
    [InlineData(500, """{"error": {"code": 500,"message": "An internal error has occurred.","status": "INTERNAL"}}""", ErrorClass.ServerError, "INTERNAL: An internal error has occurred.")]
    [InlineData(504, """{"error": {"code": 504,"message": "Deadline expired before operation could complete.","status": "DEADLINE_EXCEEDED"}}""", ErrorClass.ServerError, "DEADLINE_EXCEEDED: Deadline expired before operation could complete.")]
    [InlineData(400, """{"error": {"code": 400,"message": "API key not valid. Please pass a valid API key.","status": "INVALID_ARGUMENT","details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo","reason": "API_KEY_INVALID","domain": "googleapis.com"}]}}""", ErrorClass.ClientError, "INVALID_ARGUMENT: API key not valid. Please pass a valid API key.")]
    [InlineData(403, """{"error": {"code": 403,"message": "Method doesn't allow unregistered callers.","status": "PERMISSION_DENIED"}}""", ErrorClass.ClientError, "PERMISSION_DENIED: Method doesn't allow unregistered callers.")]
    [InlineData(404, """[{"error": {"code": 404,"message": "models/gemini-0 is not found for API version v1beta.","status": "NOT_FOUND"}}]""", ErrorClass.ClientError, "NOT_FOUND: models/gemini-0 is not found for API version v1beta.")]
    [InlineData(502, "<html><body>Bad Gateway</body></html>", ErrorClass.ServerError, "<html><body>Bad Gateway</body></html>")]
    [InlineData(429, "{}", ErrorClass.RateLimited, "{}")]
    public async Task SendAsync_ErrorEnvelope_IsClassifiedByItsStatusAndQuotesItsMessage(int status, string body, ErrorClass expected, string message)
    {
        var (capture, _) = await SendAsync((HttpStatusCode)status, "application/json; charset=UTF-8", (5, body));

        Assert.Equal(expected, capture.Error);
        Assert.Equal($"HTTP {status}: {message}", capture.ErrorMessage);
    }

    [Theory]
    [InlineData("""{"error": {"code": 429,"message": "You exceeded your current quota.","status": "RESOURCE_EXHAUSTED","details": [{"@type": "type.googleapis.com/google.rpc.QuotaFailure","violations": [{"quotaMetric": "generativelanguage.googleapis.com/generate_content_paid_tier_requests","quotaValue": "5"}]},{"@type": "type.googleapis.com/google.rpc.Help","links": [{"url": "https://ai.google.dev/gemini-api/docs/rate-limits"}]},{"@type": "type.googleapis.com/google.rpc.RetryInfo","retryDelay": "12s"}]}}""", 12.0)]
    [InlineData("""{"error": {"code": 429,"message": "Quota.","status": "RESOURCE_EXHAUSTED","details": [{"retryDelay": "18.912345s","@type": "type.googleapis.com/google.rpc.RetryInfo"}]}}""", 18.912345)]
    [InlineData("""{"error": {"code": 429,"message": "Resource has been exhausted (e.g. check quota).","status": "RESOURCE_EXHAUSTED"}}""", null)]
    [InlineData("""{"error": {"code": 429,"message": "Quota.","status": "RESOURCE_EXHAUSTED","details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo","retryDelay": "9s"}]}}""", null)]
    public async Task SendAsync_429_RetryAfterIsTheRetryInfosDelayInTheBody(string body, double? expected)
    {
        var (capture, _) = await SendAsync(HttpStatusCode.TooManyRequests, "application/json; charset=UTF-8", (5, body));

        Assert.Equal(ErrorClass.RateLimited, capture.Error);
        Assert.Equal(expected, capture.RateLimit.RetryAfterSeconds);
        Assert.Null(capture.RateLimit.LimitRequests);
    }

    [Theory]
    [InlineData("https://generativelanguage.googleapis.com/v1beta", "gemini-2.0-flash", true, "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse")]
    [InlineData("https://generativelanguage.googleapis.com/v1beta/", "models/gemini-2.0-flash", false, "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent")]
    [InlineData("https://generativelanguage.googleapis.com/v1beta/models", "models/gemini-2.5-pro", true, "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse")]
    [InlineData("https://generativelanguage.googleapis.com/v1beta", "tunedModels/my-model-7", false, "https://generativelanguage.googleapis.com/v1beta/tunedModels/my-model-7:generateContent")]
    [InlineData("https://gw.example/v1beta/models/gemini-2.0-flash:generateContent", "ignored", true, "https://gw.example/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse")]
    [InlineData("https://gw.example/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse", "ignored", true, "https://gw.example/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse")]
    [InlineData("http://127.0.0.1:8080/v1beta?tenant=a", "m", true, "http://127.0.0.1:8080/v1beta/models/m:streamGenerateContent?tenant=a&alt=sse")]
    public void Endpoint_ModelAndMethodGoInThePath(string baseUrl, string model, bool stream, string expected)
        => Assert.Equal(expected, new GeminiGenerateContentFormat().Endpoint(new Uri(baseUrl), model, stream).ToString());

    [Fact]
    public async Task SendAsync_Request_KeyInXGoogApiKeyAndTheBodyInGeminisShape()
    {
        var handler = new ScriptedHandler(HttpStatusCode.OK, "text/event-stream", () => new MemoryStream(Encoding.UTF8.GetBytes(Chunk("""{"text": "ok"}""", finishReason: "STOP"))));
        using var http = new HttpClient(handler);
        var format = new GeminiGenerateContentFormat();
        var sender = new RequestSender(http, format, new TargetSettings(new Uri("http://127.0.0.1:9/v1beta"), "gemini-2.0-flash", true, "AIzaSy-test-key", TimeSpan.FromSeconds(5)), new FakeTimeProvider());
        var turns = new[] { new ChatTurn("system", "Be brief."), new ChatTurn("user", "Hi"), new ChatTurn("assistant", "Hello!"), new ChatTurn("system", "No emoji."), new ChatTurn("user", "Bye") };

        var capture = await sender.SendAsync(format.BuildBody("gemini-2.0-flash", turns, 64, stream: true), CancellationToken.None);

        Assert.True(capture.Succeeded, capture.ErrorMessage);
        var request = handler.LastRequest!;
        Assert.Equal(new Uri("http://127.0.0.1:9/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse"), request.RequestUri);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("AIzaSy-test-key", Assert.Single(request.Headers.GetValues("x-goog-api-key")));
        Assert.Null(request.Headers.Authorization);
        Assert.Equal(
            """{"contents":[{"role":"user","parts":[{"text":"Hi"}]},{"role":"model","parts":[{"text":"Hello!"}]},{"role":"user","parts":[{"text":"Bye"}]}],"systemInstruction":{"parts":[{"text":"Be brief."},{"text":"No emoji."}]},"generationConfig":{"maxOutputTokens":64}}""",
            handler.LastRequestBody);
    }

    [Fact]
    public void ReadRateLimits_NoCountsFromGemini_RetryAfterFromAGateway()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("retry-after", "7");
        response.Headers.TryAddWithoutValidation("x-ratelimit-remaining-requests", "3");

        var observation = new GeminiGenerateContentFormat().ReadRateLimits(response.Headers, DateTimeOffset.UnixEpoch);

        Assert.Equal(new RateLimitObservation(null, null, null, null, 7), observation);
    }

    [Fact]
    public void Build_ProviderGemini_KeyVariableAndEmbeddedBasePath_MaxTokensFieldRefused()
    {
        var flags = new ScenarioSettings();
        flags.Set("provider", new Setting("gemini", "--provider"));
        var options = OptionsFromSettings.Build(null, flags, out var errors);
        Assert.Empty(errors);
        Assert.Equal(("gemini", "GEMINI_API_KEY"), (options!.Provider, options.ApiKeyEnv));
        Assert.Equal("v1beta", ProviderRegistry.Find("gemini")!.EmbeddedBasePath);

        flags.Set("max-tokens-field", new Setting("max_completion_tokens", "--max-tokens-field"));
        OptionsFromSettings.Build(null, flags, out errors);
        Assert.Equal("--max-tokens-field: applies to --provider openai and azure, not gemini", Assert.Single(errors));
    }

    /// <summary>One streamed GenerateContentResponse with the given parts, as the live API frames it (compact JSON, CRLF).</summary>
    private static string Chunk(string parts, string? finishReason = null, string? usage = null)
    {
        var finish = finishReason is null ? "" : $",\"finishReason\": \"{finishReason}\"";
        var usageField = usage is null ? "" : $$""","usageMetadata": {{usage}}""";
        return Event($$"""{"candidates": [{"content": {"parts": [{{parts}}],"role": "model"}{{finish}},"index": 0}]{{usageField}},"modelVersion": "gemini-2.5-flash","responseId": "{{Id}}"}""");
    }

    private static string Event(string json) => "data: " + json + "\r\n\r\n";

    private static async Task<(ResponseCapture, FakeTimeProvider)> SendAsync(HttpStatusCode status, string contentType, params (double Ms, string Text)[] reads)
    {
        var clock = new FakeTimeProvider();
        var script = reads.Select(r => (TimeSpan.FromMilliseconds(r.Ms), (byte[]?)Encoding.UTF8.GetBytes(r.Text))).ToList();
        var handler = new ScriptedHandler(status, contentType, () => new ScriptedStream(clock, script));
        using var http = new HttpClient(handler);
        var sender = new RequestSender(http, new GeminiGenerateContentFormat(), new TargetSettings(new Uri("http://127.0.0.1:9/v1beta"), "gemini-2.5-flash", true, "k", TimeSpan.FromSeconds(10)), clock);
        return (await sender.SendAsync([], CancellationToken.None), clock);
    }
}
