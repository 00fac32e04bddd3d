using System.ClientModel;
using LlmLoad.Simulator.Tests.TestSupport;
using LlmLoad.Workload;
using OpenAI;
using OpenAI.Chat;

namespace LlmLoad.Simulator.Tests;

/// <summary>The official OpenAI .NET SDK is the strictest judge of wire compatibility we can run offline.</summary>
public sealed class OpenAiSdkTests
{
    private const string Prompt = "Explain load testing in one paragraph.";

    [Fact]
    public async Task CompleteChatStreamingAsync_WithOfficialSdk_YieldsContentFinishReasonAndUsage()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        var chat = CreateClient(server);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var text = "";
        ChatFinishReason? finishReason = null;
        ChatTokenUsage? usage = null;
        await foreach (var update in chat.CompleteChatStreamingAsync(
            [new UserChatMessage(Prompt)], new ChatCompletionOptions { MaxOutputTokenCount = 16 }, timeout.Token))
        {
            text += string.Concat(update.ContentUpdate.Select(part => part.Text));
            finishReason ??= update.FinishReason;
            usage ??= update.Usage;
        }

        Assert.Equal(16, TokenCounter.Default.Count(text));
        Assert.Equal(ChatFinishReason.Length, finishReason);
        Assert.NotNull(usage);
        Assert.Equal(TokenCounter.Default.Count(Prompt), usage.InputTokenCount);
        Assert.Equal(16, usage.OutputTokenCount);
        Assert.Equal(usage.InputTokenCount + 16, usage.TotalTokenCount);
    }

    [Fact]
    public async Task CompleteChatAsync_WithOfficialSdk_ReturnsContentFinishReasonAndUsage()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        var chat = CreateClient(server);

        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage(Prompt)], new ChatCompletionOptions { MaxOutputTokenCount = 9 });

        Assert.StartsWith("chatcmpl-", completion.Id, StringComparison.Ordinal);
        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        Assert.Equal(9, TokenCounter.Default.Count(completion.Content[0].Text));
        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
        Assert.Equal(TokenCounter.Default.Count(Prompt), completion.Usage.InputTokenCount);
        Assert.Equal(9, completion.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task CompleteChatAsync_BadRequest_SurfacesTheSimulatorsErrorMessage()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        var chat = CreateClient(server);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync(
            [new UserChatMessage(Prompt)], new ChatCompletionOptions { MaxOutputTokenCount = 2_000_000 }));

        Assert.Equal(400, error.Status);
        Assert.Contains("max_completion_tokens", error.Message, StringComparison.Ordinal);
    }

    private static ChatClient CreateClient(SimulatorServer server) => new(
        "gpt-test",
        new ApiKeyCredential("test"),
        new OpenAIClientOptions { Endpoint = new Uri(server.BaseAddress, "v1"), NetworkTimeout = TimeSpan.FromSeconds(30) });
}
