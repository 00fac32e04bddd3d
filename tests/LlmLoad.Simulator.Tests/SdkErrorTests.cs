using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Anthropic.Core;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using LlmLoad.Simulator.Faults;
using LlmLoad.Simulator.RateLimiting;
using LlmLoad.Workload;
using OpenAI;
using OpenAI.Chat;

using LlmLoad.Simulator.Tests.TestSupport;

namespace LlmLoad.Simulator.Tests;

/// <summary>
/// The official SDKs read the simulator's refusals and failures as they read the real APIs': the exception type a
/// user's retry or fallback code catches, and the simulator's message. SDK retries are off, or they would retry
/// 429 and 5xx and hide what the server said.
/// </summary>
public sealed class SdkErrorTests
{
    private const string Prompt = "hi";

    [Fact]
    public async Task OpenAi_RequestsPerMinuteExceeded_ThrowsClientResultException429WithTheSimulatorsMessage()
    {
        await using var server = await StartAsync(new RateLimits { RequestsPerMinute = 1 });
        var chat = SdkClients.OpenAi(server);

        await chat.CompleteChatAsync([new UserChatMessage(Prompt)], new ChatCompletionOptions { MaxOutputTokenCount = 2 });
        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage(Prompt)], new ChatCompletionOptions { MaxOutputTokenCount = 2 }));

        Assert.Equal(429, error.Status);
        Assert.Contains("Rate limit reached for gpt-test in organization org-llmload-simulator on requests per min (RPM): Limit 1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("500", 500, "The server had an error while processing your request. Sorry about that!")]
    [InlineData("503", 503, "The server is overloaded or not ready yet.")]
    [InlineData("529", 529, "The server is overloaded or not ready yet.")]
    public async Task OpenAi_StatusFault_ThrowsClientResultExceptionWithTheStatusAndTheSimulatorsMessage(string fault, int status, string message)
    {
        await using var server = await StartAsync(faults: FaultRuleText.Parse(fault));
        var chat = SdkClients.OpenAi(server);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage(Prompt)], new ChatCompletionOptions { MaxOutputTokenCount = 2 }));
        var streamed = await Assert.ThrowsAsync<ClientResultException>(async () =>
        {
            await foreach (var _ in chat.CompleteChatStreamingAsync([new UserChatMessage(Prompt)], new ChatCompletionOptions { MaxOutputTokenCount = 2 }))
            {
            }
        });

        Assert.Equal(status, error.Status);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        // A streaming call does not read the error body into its message, but the status is there.
        Assert.Equal(status, streamed.Status);
    }

    [Fact]
    public async Task OpenAi_ErrorEventInStream_SdkEndsTheStreamQuietlyWithPartialTextAndNoFinishReason()
    {
        await using var server = await StartAsync(faults: FaultRuleText.Parse("error_event,after=2"));
        var chat = SdkClients.OpenAi(server);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        // OpenAI's Python SDK raises on a `data: {"error":…}` event; the .NET SDK 2.15 yields it as an empty update.
        // A user sees only a response cut short: two tokens of text, no finish reason, no usage.
        var text = "";
        ChatFinishReason? finishReason = null;
        ChatTokenUsage? usage = null;
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage(Prompt)], new ChatCompletionOptions { MaxOutputTokenCount = 5 }, timeout.Token))
        {
            text += string.Concat(update.ContentUpdate.Select(part => part.Text));
            finishReason ??= update.FinishReason;
            usage ??= update.Usage;
        }

        Assert.Equal(2, TokenCounter.Default.Count(text));
        Assert.Null(finishReason);
        Assert.Null(usage);
    }

    [Fact]
    public async Task Anthropic_RequestsPerMinuteExceeded_ThrowsRateLimitExceptionWithTheSimulatorsMessage()
    {
        await using var server = await StartAsync(new RateLimits { RequestsPerMinute = 1 });
        var client = SdkClients.Anthropic(server);

        await client.Messages.Create(Parameters(2));
        var error = await Assert.ThrowsAsync<AnthropicRateLimitException>(() => client.Messages.Create(Parameters(2)));

        Assert.StartsWith("This request would exceed the rate limit for your organization of 1 requests per minute.", error.ApiMessage, StringComparison.Ordinal);
        Assert.StartsWith("req_", error.RequestID, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("429", typeof(AnthropicRateLimitException), "Too many requests are queued on this server. Please slow down and try again.")]
    [InlineData("500", typeof(Anthropic5xxException), "Internal server error")]
    [InlineData("503", typeof(AnthropicServiceUnavailableException), "Overloaded")]
    [InlineData("529", typeof(AnthropicOverloadedException), "Overloaded")]
    public async Task Anthropic_StatusFault_ThrowsTheSdksExceptionForThatStatus(string fault, System.Type exceptionType, string message)
    {
        await using var server = await StartAsync(faults: FaultRuleText.Parse(fault));
        var client = SdkClients.Anthropic(server);

        var error = await Assert.ThrowsAnyAsync<AnthropicApiException>(() => client.Messages.Create(Parameters(2)));

        Assert.IsType(exceptionType, error);
        Assert.Equal(message, error.ApiMessage);
        Assert.StartsWith("req_", error.RequestID, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anthropic_ErrorEventInStream_SdkThrowsSseExceptionAfterThePartialText()
    {
        await using var server = await StartAsync(faults: FaultRuleText.Parse("error_event,after=2"));
        var client = SdkClients.Anthropic(server);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var text = "";
        var error = await Assert.ThrowsAsync<AnthropicSseException>(async () =>
        {
            await foreach (var streamEvent in client.Messages.CreateStreaming(Parameters(5), timeout.Token))
            {
                if (streamEvent.TryPickContentBlockDelta(out var blockDelta) && blockDelta.Delta.TryPickText(out var textDelta))
                {
                    text += textDelta.Text;
                }
            }
        });

        Assert.Equal(2, TokenCounter.Default.Count(text));
        Assert.Contains("overloaded_error", error.Message, StringComparison.Ordinal);
    }

    private static Task<SimulatorServer> StartAsync(RateLimits? limits = null, params FaultRule[] faults) => SimulatorServer.StartAsync(new SimulatorOptions
    {
        TimeToFirstTokenMs = new NormalSpec(0, 0),
        InterTokenLatencyMs = new NormalSpec(0, 0),
        RateLimits = limits ?? new RateLimits(),
        Faults = faults,
    });

    private static MessageCreateParams Parameters(int maxTokens) => new()
    {
        Model = "claude-test",
        MaxTokens = maxTokens,
        Messages = [new UserMessageParam(Prompt)],
    };
}
