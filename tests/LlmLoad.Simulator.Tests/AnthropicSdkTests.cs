using Anthropic;
using Anthropic.Core;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using LlmLoad.Simulator.Tests.TestSupport;
using LlmLoad.Workload;

namespace LlmLoad.Simulator.Tests;

/// <summary>The official Anthropic .NET SDK is the strictest judge of wire compatibility we can run offline.</summary>
public sealed class AnthropicSdkTests
{
    private const string Prompt = "Explain load testing in one paragraph.";

    [Fact]
    public async Task CreateStreaming_WithOfficialSdk_YieldsTextStopReasonAndUsage()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        var client = CreateClient(server);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var text = "";
        string? messageId = null;
        long? inputTokens = null;
        long? outputTokens = null;
        string? stopReason = null;
        await foreach (var streamEvent in client.Messages.CreateStreaming(Parameters(16), timeout.Token))
        {
            if (streamEvent.TryPickStart(out var start))
            {
                messageId = start.Message.ID;
                inputTokens = start.Message.Usage.InputTokens;
            }
            else if (streamEvent.TryPickContentBlockDelta(out var blockDelta) && blockDelta.Delta.TryPickText(out var textDelta))
            {
                text += textDelta.Text;
            }
            else if (streamEvent.TryPickDelta(out var messageDelta))
            {
                stopReason = messageDelta.Delta.StopReason?.Raw();
                outputTokens = messageDelta.Usage.OutputTokens;
            }
        }

        Assert.StartsWith("msg_", messageId, StringComparison.Ordinal);
        Assert.Equal(16, TokenCounter.Default.Count(text));
        Assert.Equal("max_tokens", stopReason);
        Assert.Equal(TokenCounter.Default.Count(Prompt), inputTokens);
        Assert.Equal(16, outputTokens);
    }

    [Fact]
    public async Task Create_WithOfficialSdk_ReturnsTextStopReasonAndUsage()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        var client = CreateClient(server);

        var message = await client.Messages.Create(Parameters(9));

        Assert.StartsWith("msg_", message.ID, StringComparison.Ordinal);
        Assert.True(message.Content[0].TryPickText(out var block));
        Assert.Equal(9, TokenCounter.Default.Count(block.Text));
        Assert.Equal("max_tokens", message.StopReason?.Raw());
        Assert.Equal(TokenCounter.Default.Count(Prompt), message.Usage.InputTokens);
        Assert.Equal(9, message.Usage.OutputTokens);
    }

    [Fact]
    public async Task Create_BadRequest_SurfacesTheSimulatorsErrorMessageAndRequestId()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        var client = CreateClient(server);

        var error = await Assert.ThrowsAnyAsync<AnthropicApiException>(() => client.Messages.Create(Parameters(2_000_000)));

        Assert.Contains("max_tokens", error.ApiMessage, StringComparison.Ordinal);
        Assert.StartsWith("req_", error.RequestID, StringComparison.Ordinal);
    }

    private static MessageCreateParams Parameters(int maxTokens) => new()
    {
        Model = "claude-test",
        MaxTokens = maxTokens,
        Messages = [new UserMessageParam(Prompt)],
    };

    private static AnthropicClient CreateClient(SimulatorServer server) => new(new ClientOptions
    {
        BaseUrl = server.BaseAddress.ToString(),
        ApiKey = "test",
        MaxRetries = 0,
        Timeout = TimeSpan.FromSeconds(30),
    });
}
