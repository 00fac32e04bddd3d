using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Anthropic.Core;
using Anthropic.Models.Messages;
using LlmLoad.Simulator.Serving;
using LlmLoad.Workload;
using OpenAI;
using OpenAI.Chat;

using LlmLoad.Simulator.Tests.TestSupport;

namespace LlmLoad.Simulator.Tests;

/// <summary>The official SDKs read the prefix cache's usage fields where a user's code looks for them.</summary>
public sealed class PrefixCacheSdkTests
{
    private const string Question = "What does the policy say about refunds?";
    private static readonly string SystemPrompt = string.Concat(Enumerable.Repeat(" policy", 2000));
    private static readonly int SystemTokens = TokenCounter.Default.Count(SystemPrompt);
    private static readonly int QuestionTokens = TokenCounter.Default.Count(Question);

    [Fact]
    public async Task OpenAi_SecondRequest_SdkReadsCachedTokenCountBufferedAndStreamed()
    {
        await using var server = await StartAsync();
        var chat = SdkClients.OpenAi(server);
        ChatMessage[] messages = [new SystemChatMessage(SystemPrompt), new UserChatMessage(Question)];

        ChatCompletion first = await chat.CompleteChatAsync(messages, new ChatCompletionOptions { MaxOutputTokenCount = 2 });
        ChatCompletion second = await chat.CompleteChatAsync(messages, new ChatCompletionOptions { MaxOutputTokenCount = 2 });
        ChatTokenUsage? streamed = null;
        await foreach (var update in chat.CompleteChatStreamingAsync(messages, new ChatCompletionOptions { MaxOutputTokenCount = 2 }))
        {
            streamed ??= update.Usage;
        }

        Assert.Equal(0, first.Usage.InputTokenDetails.CachedTokenCount);
        // The whole prompt was seen before: every message of it is cached.
        Assert.Equal(SystemTokens + QuestionTokens, second.Usage.InputTokenDetails.CachedTokenCount);
        Assert.Equal(SystemTokens + QuestionTokens, second.Usage.InputTokenCount);
        Assert.NotNull(streamed);
        Assert.Equal(SystemTokens + QuestionTokens, streamed.InputTokenDetails.CachedTokenCount);
    }

    [Fact]
    public async Task Anthropic_SecondRequest_SdkReadsCacheReadAndCreationTokens()
    {
        await using var server = await StartAsync();
        var client = SdkClients.Anthropic(server);

        var first = await client.Messages.Create(Parameters("first " + Question));
        var second = await client.Messages.Create(Parameters("second " + Question));
        Usage? streamed = null;
        await foreach (var streamEvent in client.Messages.CreateStreaming(Parameters("third " + Question)))
        {
            if (streamEvent.TryPickStart(out var start))
            {
                streamed = start.Message.Usage;
            }
        }

        Assert.Equal(0, first.Usage.CacheReadInputTokens);
        Assert.Equal(SystemTokens + TokenCounter.Default.Count("first " + Question), first.Usage.CacheCreationInputTokens);
        Assert.Equal(SystemTokens, second.Usage.CacheReadInputTokens);
        Assert.Equal(TokenCounter.Default.Count("second " + Question), second.Usage.CacheCreationInputTokens);
        Assert.Equal(0, second.Usage.InputTokens);
        Assert.NotNull(streamed);
        Assert.Equal(SystemTokens, streamed.CacheReadInputTokens);
    }

    private static Task<SimulatorServer> StartAsync() => SimulatorServer.StartAsync(new SimulatorOptions
    {
        TimeToFirstTokenMs = new NormalSpec(0, 0),
        InterTokenLatencyMs = new NormalSpec(0, 0),
        Capacity = new ServingCapacity { PrefixCacheTokens = 100_000 },
    });

    private static MessageCreateParams Parameters(string question) => new()
    {
        Model = "claude-test",
        MaxTokens = 2,
        System = SystemPrompt,
        Messages = [new UserMessageParam(question)],
    };
}
