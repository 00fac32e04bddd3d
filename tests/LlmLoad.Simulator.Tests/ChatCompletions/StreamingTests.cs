using System.Text.Json;
using System.Text.RegularExpressions;
using LlmLoad.Simulator.Tests.TestSupport;
using LlmLoad.Workload;

namespace LlmLoad.Simulator.Tests.ChatCompletions;

public sealed class StreamingTests
{
    private const string Prompt = "Write a short story about a lighthouse keeper.";

    [Fact]
    public async Task CompleteChat_StreamWithIncludeUsage_SendsRoleContentFinishUsageDone()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        using var client = new SimulatorClient(server);

        var (response, events) = await client.StreamAsync(SimulatorClient.ChatBody(new
        {
            model = "gpt-test",
            messages = new[] { new { role = "user", content = Prompt } },
            max_tokens = 12,
            stream = true,
            stream_options = new { include_usage = true },
        }));

        using (response)
        {
            Assert.Equal("text/event-stream; charset=utf-8", SimulatorClient.Header(response, "Content-Type"));
            Assert.Equal("no-cache", SimulatorClient.Header(response, "Cache-Control"));
        }

        Assert.Equal(1 + 12 + 1 + 1 + 1, events.Count);
        Assert.True(events[^1].IsDone);
        var chunks = events[..^1].Select(e => e.Json).ToList();
        var id = chunks[0].GetProperty("id").GetString()!;
        Assert.StartsWith("chatcmpl-", id, StringComparison.Ordinal);
        Assert.All(chunks, chunk =>
        {
            Assert.Equal(id, chunk.GetProperty("id").GetString());
            Assert.Equal("chat.completion.chunk", chunk.GetProperty("object").GetString());
            Assert.Equal("gpt-test", chunk.GetProperty("model").GetString());
            Assert.Equal("fp_llmload", chunk.GetProperty("system_fingerprint").GetString());
        });

        var role = chunks[0].GetProperty("choices")[0];
        Assert.Equal("""{"role":"assistant","content":"","refusal":null}""", role.GetProperty("delta").GetRawText());
        Assert.Equal(JsonValueKind.Null, role.GetProperty("finish_reason").ValueKind);

        var contents = events.Skip(1).Take(12).Select(e => e.Content).ToList();
        Assert.All(contents, content => Assert.Equal(1, TokenCounter.Default.Count(content!)));
        Assert.All(chunks[..^1], chunk => Assert.Equal(JsonValueKind.Null, chunk.GetProperty("usage").ValueKind));

        var finish = chunks[^2].GetProperty("choices")[0];
        Assert.Equal("{}", finish.GetProperty("delta").GetRawText());
        Assert.Equal("length", finish.GetProperty("finish_reason").GetString());

        Assert.Equal(0, chunks[^1].GetProperty("choices").GetArrayLength());
        var usage = chunks[^1].GetProperty("usage");
        var promptTokens = TokenCounter.Default.Count(Prompt);
        Assert.Equal(promptTokens, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(12, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(promptTokens + 12, usage.GetProperty("total_tokens").GetInt32());
        Assert.Equal(0, usage.GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32());
        Assert.Equal(12, TokenCounter.Default.Count(string.Concat(contents)));
    }

    [Fact]
    public async Task CompleteChat_StreamWithoutIncludeUsageOrMaxTokens_SendsDefaultLengthStopAndNoUsageChunk()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with { DefaultMaxTokens = 5 });
        using var client = new SimulatorClient(server);

        var (response, events) = await client.StreamAsync(SimulatorClient.ChatBody(new
        {
            model = "m",
            messages = new[] { new { role = "user", content = Prompt } },
            stream = true,
        }));
        response.Dispose();

        Assert.Equal(1 + 5 + 1 + 1, events.Count);
        Assert.True(events[^1].IsDone);
        Assert.All(events[..^1], e => Assert.Equal(JsonValueKind.Null, e.Json.GetProperty("usage").ValueKind));
        Assert.All(events[..^1], e => Assert.Equal(1, e.Json.GetProperty("choices").GetArrayLength()));
        Assert.Equal("stop", events[^2].Json.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task CompleteChat_Stream_BodyIsOnlyDataLinesEachEndedByBlankLine()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        using var client = new SimulatorClient(server);

        using var response = await client.PostAsync("""
            {"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":3,"stream":true,"stream_options":{"include_usage":true}}
            """);
        var body = await response.Content.ReadAsStringAsync();

        // Role, 3 tokens, finish, usage, [DONE]: seven events and nothing else, not even "\r".
        Assert.Matches(new Regex(@"\A(data: [^\r\n]+\n\n){7}\z"), body);
        Assert.EndsWith("data: [DONE]\n\n", body, StringComparison.Ordinal);
    }
}
