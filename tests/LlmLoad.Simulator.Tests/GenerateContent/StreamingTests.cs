using System.Text.Json;
using LlmLoad.Simulator.Faults;
using LlmLoad.Simulator.Tests.TestSupport;
using LlmLoad.Workload;

namespace LlmLoad.Simulator.Tests.GenerateContent;

/// <summary>
/// <c>:streamGenerateContent?alt=sse</c> as the live API streams it: one GenerateContentResponse per <c>data:</c>
/// event, CRLF framing, no event names and no end marker, <c>usageMetadata</c> on every chunk, the finish reason
/// and the full counts on the last.
/// </summary>
public sealed class StreamingTests
{
    private const string Prompt = "Explain load testing in one paragraph.";

    [Fact]
    public async Task StreamGenerateContent_AltSse_CrlfFramedChunksOnePerTokenThenTheFinishingChunk()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);

        var (status, response, body) = await GeminiWire.PostAsync(server, GeminiWire.StreamPath, GeminiWire.Body(12, Prompt));
        using var _ = response;

        Assert.Equal(200, status);
        Assert.Equal("text/event-stream", SimulatorClient.ContentType(response)?.MediaType);
        var events = GeminiWire.Events(body);
        Assert.Equal(13, events.Count);
        var texts = events.Select(e => e.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts")[0].GetProperty("text").GetString()).ToList();
        Assert.Equal(12, TokenCounter.Default.Count(string.Concat(texts)));
        Assert.All(texts[..^1], t => Assert.NotEqual("", t));
        Assert.Equal("", texts[^1]);
        Assert.All(events, e =>
        {
            var candidate = e.GetProperty("candidates")[0];
            Assert.Equal("model", candidate.GetProperty("content").GetProperty("role").GetString());
            Assert.Equal(0, candidate.GetProperty("index").GetInt32());
            Assert.Equal(GeminiWire.Model, e.GetProperty("modelVersion").GetString());
        });
        // One id for the whole response, 24 characters and no prefix, as the live API's are.
        var id = events[0].GetProperty("responseId").GetString()!;
        Assert.Matches("^[A-Za-z0-9]{24}$", id);
        Assert.All(events, e => Assert.Equal(id, e.GetProperty("responseId").GetString()));
    }

    [Fact]
    public async Task StreamGenerateContent_UsageOnEveryChunk_FinalChunkHasMaxTokensAndTheFullCounts()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);

        var (_, response, body) = await GeminiWire.PostAsync(server, GeminiWire.StreamPath, GeminiWire.Body(12, Prompt, system: "Be brief."));
        response.Dispose();

        var events = GeminiWire.Events(body);
        var promptTokens = TokenCounter.Default.Count(Prompt) + TokenCounter.Default.Count("Be brief.");
        Assert.All(events, e => Assert.Equal(promptTokens, e.GetProperty("usageMetadata").GetProperty("promptTokenCount").GetInt32()));
        Assert.All(events[..^1], e => Assert.False(e.GetProperty("candidates")[0].TryGetProperty("finishReason", out _)));
        var final = events[^1];
        Assert.Equal("MAX_TOKENS", final.GetProperty("candidates")[0].GetProperty("finishReason").GetString());
        var usage = final.GetProperty("usageMetadata");
        Assert.Equal(12, usage.GetProperty("candidatesTokenCount").GetInt32());
        Assert.Equal(promptTokens + 12, usage.GetProperty("totalTokenCount").GetInt32());
        Assert.Equal("""[{"modality": "TEXT","tokenCount": """ + promptTokens + "}]", usage.GetProperty("promptTokensDetails").GetRawText());
    }

    [Fact]
    public async Task StreamGenerateContent_NoMaxOutputTokens_StopsAtTheServersDefaultLengthWithStop()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with { DefaultMaxTokens = 9 });

        var (_, response, body) = await GeminiWire.PostAsync(server, GeminiWire.StreamPath, GeminiWire.Body(null));
        response.Dispose();

        var final = GeminiWire.Events(body)[^1];
        Assert.Equal("STOP", final.GetProperty("candidates")[0].GetProperty("finishReason").GetString());
        Assert.Equal(9, final.GetProperty("usageMetadata").GetProperty("candidatesTokenCount").GetInt32());
    }

    [Fact]
    public async Task StreamGenerateContent_ServerFailsMidStream_SendsGooglesErrorEnvelopeAsTheLastEvent()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with { Faults = [FaultRuleText.Parse("error_event,after=2")] });

        var (status, response, body) = await GeminiWire.PostAsync(server, GeminiWire.StreamPath, GeminiWire.Body(12));
        response.Dispose();

        Assert.Equal(200, status);
        var events = GeminiWire.Events(body);
        Assert.Equal(3, events.Count);
        var error = events[^1].GetProperty("error");
        Assert.Equal(500, error.GetProperty("code").GetInt32());
        Assert.Equal("INTERNAL", error.GetProperty("status").GetString());
    }

    [Fact]
    public async Task StreamGenerateContent_WithoutAltSse_IsRefusedNamingTheParameter()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);

        var (status, response, body) = await GeminiWire.PostAsync(server, "v1beta/models/gemini-test:streamGenerateContent", GeminiWire.Body(12));
        response.Dispose();

        // The live API would answer a JSON array; the simulator streams only SSE, and says so rather than guess.
        Assert.Equal(400, status);
        Assert.Equal("INVALID_ARGUMENT", GeminiWire.Error(body).GetProperty("status").GetString());
        Assert.Contains("?alt=sse", GeminiWire.Error(body).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamGenerateContent_UnderV1_IsServedToo()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);

        var (status, response, body) = await GeminiWire.PostAsync(server, "v1/models/gemini-test:streamGenerateContent?alt=sse", GeminiWire.Body(4));
        response.Dispose();

        Assert.Equal(200, status);
        Assert.Equal(5, GeminiWire.Events(body).Count);
    }
}
