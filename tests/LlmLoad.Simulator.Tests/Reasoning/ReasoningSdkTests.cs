using Anthropic.Models.Messages;
using LlmLoad.Simulator.Generation;
using LlmLoad.Simulator.Tests.TestSupport;
using LlmLoad.Workload;
using OpenAI.Chat;

namespace LlmLoad.Simulator.Tests.Reasoning;

/// <summary>The official SDKs read the simulator's reasoning in their own types: the wire shapes are the real ones.</summary>
public sealed class ReasoningSdkTests
{
    private static readonly SimulatorOptions Thinker = SimulatorClient.Instant with { Reasoning = new SimulatedReasoning { Tokens = 4, ChatField = SimulatedReasoning.Hidden } };

    [Fact]
    public async Task OpenAiSdk_StreamingOnAReasoningProfile_ReadsTheReasoningTokensFromTheUsage()
    {
        await using var server = await SimulatorServer.StartAsync(Thinker);
        var client = SdkClients.OpenAi(server);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var text = "";
        ChatTokenUsage? usage = null;
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("hi")], new ChatCompletionOptions { MaxOutputTokenCount = 12 }, timeout.Token))
        {
            text += string.Concat(update.ContentUpdate.Select(part => part.Text));
            usage = update.Usage ?? usage;
        }

        Assert.Equal(8, TokenCounter.Default.Count(text));
        Assert.Equal(12, usage!.OutputTokenCount);
        Assert.Equal(4, usage.OutputTokenDetails.ReasoningTokenCount);
    }

    [Fact]
    public async Task AnthropicSdk_StreamingWithThinkingEnabled_ReadsThinkingSignatureAndText()
    {
        await using var server = await SimulatorServer.StartAsync(Thinker);
        var client = SdkClients.Anthropic(server);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var parameters = new MessageCreateParams
        {
            Model = "claude-test",
            MaxTokens = 1030,
            Messages = [new UserMessageParam("hi")],
            Thinking = new ThinkingConfigEnabled { BudgetTokens = 1024 },
        };

        string thinking = "", text = "", signature = "";
        await foreach (var streamEvent in client.Messages.CreateStreaming(parameters, timeout.Token))
        {
            if (streamEvent.TryPickContentBlockDelta(out var blockDelta))
            {
                if (blockDelta.Delta.TryPickThinking(out var thinkingDelta))
                {
                    thinking += thinkingDelta.Thinking;
                }
                else if (blockDelta.Delta.TryPickSignature(out var signatureDelta))
                {
                    signature += signatureDelta.Signature;
                }
                else if (blockDelta.Delta.TryPickText(out var textDelta))
                {
                    text += textDelta.Text;
                }
            }
        }

        Assert.Equal(4, TokenCounter.Default.Count(thinking));
        Assert.NotEmpty(signature);
        Assert.Equal(1026, TokenCounter.Default.Count(text));
    }
}
