using System.Text.Json;
using LlmLoad.Simulator.Tests.TestSupport;
using LlmLoad.Workload;

namespace LlmLoad.Simulator.Tests.AzureOpenAi;

public sealed class AzureStreamingTests
{
    private const string Safe = """{"filtered":false,"severity":"safe"}""";

    private static readonly string[] Categories = ["hate", "self_harm", "sexual", "violence"];

    [Fact]
    public async Task Deployments_Stream_SendsPromptFilterEventThenOpenAiChunksWithContentFilterResults()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);

        var events = await AzureRequest.StreamAsync(server, AzureRequest.DeploymentPath, AzureRequest.Body(6, stream: true));

        // Prompt filter results, role, 6 tokens, finish, usage, [DONE].
        Assert.Equal(1 + 1 + 6 + 1 + 1 + 1, events.Count);
        Assert.True(events[^1].IsDone);
        var promptFilter = events[0].Json;
        Assert.Equal("", promptFilter.GetProperty("id").GetString());
        Assert.Equal(0, promptFilter.GetProperty("choices").GetArrayLength());
        var promptResults = promptFilter.GetProperty("prompt_filter_results")[0];
        Assert.Equal(0, promptResults.GetProperty("prompt_index").GetInt32());
        Assert.Equal(Safe, promptResults.GetProperty("content_filter_results").GetProperty("hate").GetRawText());

        var chunks = events[1..^1].Select(e => e.Json).ToList();
        Assert.All(chunks, chunk =>
        {
            Assert.Equal("chat.completion.chunk", chunk.GetProperty("object").GetString());
            // The deployment in the URL is the model the answer names.
            Assert.Equal("gpt-4o-deploy", chunk.GetProperty("model").GetString());
        });
        Assert.Equal("{}", chunks[0].GetProperty("choices")[0].GetProperty("content_filter_results").GetRawText());
        var content = events[2..8];
        Assert.All(content, e =>
        {
            var filter = e.Json.GetProperty("choices")[0].GetProperty("content_filter_results");
            Assert.All(Categories, category => Assert.Equal(Safe, filter.GetProperty(category).GetRawText()));
        });
        Assert.Equal(6, TokenCounter.Default.Count(string.Concat(content.Select(e => e.Content))));
        var finish = chunks[^2].GetProperty("choices")[0];
        Assert.Equal("length", finish.GetProperty("finish_reason").GetString());
        Assert.Equal("{}", finish.GetProperty("content_filter_results").GetRawText());
        Assert.Equal(0, chunks[^1].GetProperty("choices").GetArrayLength());
        Assert.Equal(6, chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task V1_Stream_TakesTheModelFromTheBodyAndNeedsNoApiVersion()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);

        var events = await AzureRequest.StreamAsync(server, AzureRequest.V1Path, AzureRequest.Body(3, stream: true, model: "my-deployment"));

        Assert.Equal(1 + 1 + 3 + 1 + 1 + 1, events.Count);
        Assert.True(events[0].Json.TryGetProperty("prompt_filter_results", out _));
        Assert.Equal("my-deployment", events[1].Json.GetProperty("model").GetString());
        Assert.Equal(JsonValueKind.Object, events[2].Json.GetProperty("choices")[0].GetProperty("content_filter_results").ValueKind);
    }
}
