using System.Text.Json;
using LlmLoad.Simulator.Tests.TestSupport;
using LlmLoad.Workload;

namespace LlmLoad.Simulator.Tests.ChatCompletions;

public sealed class BufferedTests
{
    [Fact]
    public async Task CompleteChat_NotStreamed_ReturnsChatCompletionWithUsage()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        using var client = new SimulatorClient(server);

        using var response = await client.PostAsync(SimulatorClient.ChatBody(new
        {
            model = "gpt-test",
            messages = new[] { new { role = "system", content = "Be brief." }, new { role = "user", content = "Say hello." } },
            max_tokens = 20,
        }));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("application/json", SimulatorClient.ContentType(response)?.MediaType);
        Assert.StartsWith("chatcmpl-", json.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("chat.completion", json.GetProperty("object").GetString());
        Assert.Equal("gpt-test", json.GetProperty("model").GetString());
        Assert.Equal("fp_llmload", json.GetProperty("system_fingerprint").GetString());
        Assert.Equal("default", json.GetProperty("service_tier").GetString());
        var choice = Assert.Single(json.GetProperty("choices").EnumerateArray());
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(JsonValueKind.Null, choice.GetProperty("logprobs").ValueKind);
        var message = choice.GetProperty("message");
        Assert.Equal("assistant", message.GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.Null, message.GetProperty("refusal").ValueKind);
        Assert.Equal(20, TokenCounter.Default.Count(message.GetProperty("content").GetString()!));
        var usage = json.GetProperty("usage");
        var promptTokens = TokenCounter.Default.Count("Be brief.") + TokenCounter.Default.Count("Say hello.");
        Assert.Equal(promptTokens, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(20, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(promptTokens + 20, usage.GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task CompleteChat_NoMaxTokens_GeneratesDefaultLengthAndStops()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with { DefaultMaxTokens = 7 });
        using var client = new SimulatorClient(server);

        var json = await client.PostForJsonAsync("""{"model":"m","messages":[{"role":"user","content":"hi"}],"stream":false}""");

        Assert.Equal("stop", json.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(7, json.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task CompleteChat_TextPartsAndMaxCompletionTokens_CountsPartsAndHonoursLimit()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        using var client = new SimulatorClient(server);

        var json = await client.PostForJsonAsync("""
            {"model":"m","max_completion_tokens":4,"unknown_field":{"x":1},
             "messages":[{"role":"user","content":[{"type":"text","text":"first part"},{"type":"image_url","image_url":{"url":"x"}},{"type":"text","text":"second part here"}]}]}
            """);

        var usage = json.GetProperty("usage");
        Assert.Equal(TokenCounter.Default.Count("first part") + TokenCounter.Default.Count("second part here"), usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(4, usage.GetProperty("completion_tokens").GetInt32());
    }
}
