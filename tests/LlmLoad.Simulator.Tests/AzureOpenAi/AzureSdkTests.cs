using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using Azure.AI.OpenAI.Chat;
using LlmLoad.Simulator.Tests.TestSupport;
using LlmLoad.Workload;
using OpenAI.Chat;

namespace LlmLoad.Simulator.Tests.AzureOpenAi;

/// <summary>
/// The official Azure OpenAI .NET SDK (Azure.AI.OpenAI, over the OpenAI package) as a client no one here
/// wrote: it builds the deployments URL with its own api-version, sends the key in <c>api-key</c>, and
/// reads Azure's content filter results.
/// </summary>
public sealed class AzureSdkTests
{
    private const string Key = "azure-sdk-key-0123456789";
    private const string Prompt = "Explain load testing in one paragraph.";

    [Fact]
    public async Task CompleteChatStreamingAsync_WithAzureSdk_YieldsTextFinishReasonAndUsage()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with { ApiKey = Key });
        var chat = CreateClient(server).GetChatClient("gpt-4o-deploy");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var text = "";
        ChatFinishReason? finishReason = null;
        ChatTokenUsage? usage = null;
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage(Prompt)], new ChatCompletionOptions { MaxOutputTokenCount = 14 }, timeout.Token))
        {
            text += string.Concat(update.ContentUpdate.Select(part => part.Text));
            finishReason ??= update.FinishReason;
            usage ??= update.Usage;
        }

        Assert.Equal(14, TokenCounter.Default.Count(text));
        Assert.Equal(ChatFinishReason.Length, finishReason);
        Assert.NotNull(usage);
        Assert.Equal(TokenCounter.Default.Count(Prompt), usage.InputTokenCount);
        Assert.Equal(14, usage.OutputTokenCount);
    }

    [Fact]
    public async Task CompleteChatAsync_WithAzureSdk_ReturnsTextUsageAndContentFilterResults()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with { ApiKey = Key });
        var chat = CreateClient(server).GetChatClient("gpt-4o-deploy");

        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage(Prompt)], new ChatCompletionOptions { MaxOutputTokenCount = 9 });

        Assert.StartsWith("chatcmpl-", completion.Id, StringComparison.Ordinal);
        Assert.Equal("gpt-4o-deploy", completion.Model);
        Assert.Equal(9, TokenCounter.Default.Count(completion.Content[0].Text));
        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
        Assert.Equal(TokenCounter.Default.Count(Prompt), completion.Usage.InputTokenCount);
        Assert.Equal(9, completion.Usage.OutputTokenCount);
#pragma warning disable AOAI001 // The content filter accessors are marked for evaluation; reading them is the point here.
        var promptFilter = completion.GetRequestContentFilterResult();
        var answerFilter = completion.GetResponseContentFilterResult();
#pragma warning restore AOAI001
        Assert.NotNull(promptFilter);
        Assert.False(promptFilter.Hate.Filtered);
        Assert.NotNull(answerFilter);
        Assert.False(answerFilter.Violence.Filtered);
    }

    [Fact]
    public async Task CompleteChatAsync_WithAzureSdkAndWrongKey_Throws401WithAzuresMessage()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with { ApiKey = Key });
        var chat = CreateClient(server, "not-the-key-0123456789").GetChatClient("gpt-4o-deploy");

        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage(Prompt)]));

        Assert.Equal(401, error.Status);
        Assert.Contains("Access denied due to invalid subscription key", error.Message, StringComparison.Ordinal);
    }

    private static AzureOpenAIClient CreateClient(SimulatorServer server, string key = Key) => new(
        server.BaseAddress,
        new ApiKeyCredential(key),
        new AzureOpenAIClientOptions
        {
            NetworkTimeout = TimeSpan.FromSeconds(30),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        });
}
