using LlmLoad.Simulator.Tests.TestSupport;
using LlmLoad.Workload;

namespace LlmLoad.Simulator.Tests.GenerateContent;

/// <summary><c>:generateContent</c>: the whole answer as one GenerateContentResponse.</summary>
public sealed class BufferedTests
{
    [Fact]
    public async Task GenerateContent_IsOneResponseWithTheTextFinishReasonAndUsage()
    {
        const string Prompt = "Explain load testing in one paragraph.";
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);

        var (status, response, body) = await GeminiWire.PostAsync(server, GeminiWire.BufferedPath, GeminiWire.Body(10, Prompt));
        using var _ = response;

        Assert.Equal(200, status);
        Assert.Equal("application/json", SimulatorClient.ContentType(response)?.MediaType);
        var json = System.Text.Json.JsonDocument.Parse(body).RootElement;
        var candidate = Assert.Single(json.GetProperty("candidates").EnumerateArray());
        Assert.Equal("model", candidate.GetProperty("content").GetProperty("role").GetString());
        Assert.Equal(10, TokenCounter.Default.Count(candidate.GetProperty("content").GetProperty("parts")[0].GetProperty("text").GetString()!));
        Assert.Equal("MAX_TOKENS", candidate.GetProperty("finishReason").GetString());
        var usage = json.GetProperty("usageMetadata");
        Assert.Equal(TokenCounter.Default.Count(Prompt), usage.GetProperty("promptTokenCount").GetInt32());
        Assert.Equal(10, usage.GetProperty("candidatesTokenCount").GetInt32());
        Assert.Equal(TokenCounter.Default.Count(Prompt) + 10, usage.GetProperty("totalTokenCount").GetInt32());
        Assert.Equal(GeminiWire.Model, json.GetProperty("modelVersion").GetString());
        Assert.Matches("^[A-Za-z0-9]{24}$", json.GetProperty("responseId").GetString());
    }

    [Fact]
    public async Task GenerateContent_NoMaxOutputTokens_EndsWithStop()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with { DefaultMaxTokens = 6 });

        var (_, response, body) = await GeminiWire.PostAsync(server, GeminiWire.BufferedPath, GeminiWire.Body(null));
        response.Dispose();

        var json = System.Text.Json.JsonDocument.Parse(body).RootElement;
        Assert.Equal("STOP", json.GetProperty("candidates")[0].GetProperty("finishReason").GetString());
        Assert.Equal(6, json.GetProperty("usageMetadata").GetProperty("candidatesTokenCount").GetInt32());
    }
}
