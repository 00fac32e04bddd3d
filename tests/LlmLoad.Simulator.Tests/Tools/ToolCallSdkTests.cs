using System.Text.Json;
using Anthropic.Models.Messages;
using LlmLoad.Simulator.Tests.TestSupport;
using OpenAI.Chat;

namespace LlmLoad.Simulator.Tests.Tools;

/// <summary>The official SDKs assemble the simulator's streamed tool calls in their own types.</summary>
public sealed class ToolCallSdkTests
{
    [Fact]
    public async Task OpenAiSdk_StreamingChatWithTools_ReadsTheToolCallUpdates()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        var client = SdkClients.OpenAi(server);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 6 };
        options.Tools.Add(ChatTool.CreateFunctionTool("get_weather", "Weather now", BinaryData.FromString("""{"type":"object","properties":{"input":{"type":"string"}}}""")));

        string? id = null, name = null;
        var arguments = "";
        ChatFinishReason? finish = null;
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("Weather?")], options, timeout.Token))
        {
            foreach (var call in update.ToolCallUpdates)
            {
                id ??= call.ToolCallId;
                name ??= call.FunctionName;
                arguments += call.FunctionArgumentsUpdate?.ToString();
            }

            finish = update.FinishReason ?? finish;
        }

        Assert.StartsWith("call_", id, StringComparison.Ordinal);
        Assert.Equal("get_weather", name);
        Assert.Equal(JsonValueKind.String, JsonDocument.Parse(arguments).RootElement.GetProperty("input").ValueKind);
        Assert.Equal(ChatFinishReason.ToolCalls, finish);
    }

    [Fact]
    public async Task AnthropicSdk_CreateWithTools_ReturnsAToolUseBlock()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        var client = SdkClients.Anthropic(server);

        var message = await client.Messages.Create(new MessageCreateParams
        {
            Model = "claude-test",
            MaxTokens = 5,
            Messages = [new UserMessageParam("Weather?")],
            Tools = [new Tool { Name = "get_weather", InputSchema = new InputSchema() }],
        });

        Assert.True(message.Content[0].TryPickToolUse(out var toolUse));
        Assert.Equal("get_weather", toolUse.Name);
        Assert.StartsWith("toolu_", toolUse.ID, StringComparison.Ordinal);
        Assert.Equal("tool_use", message.StopReason?.Raw());
    }
}
