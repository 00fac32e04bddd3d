using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Anthropic.Core;
using Anthropic.Models.Messages;
using LlmLoad.Simulator.Faults;
using LlmLoad.Simulator.Tests.TestSupport;
using OpenAI;
using OpenAI.Chat;

namespace LlmLoad.Simulator.Tests;

public sealed class SdkErrorTests
{
    [Theory]
    [InlineData("500")]
    [InlineData("503")]
    [InlineData("529")]
    [InlineData("429")]
    [InlineData("error_event")]
    public async Task ExploreOpenAi(string fault)
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with { Faults = [FaultRuleText.Parse(fault)] });
        var chat = new ChatClient("gpt-test", new ApiKeyCredential("test"), new OpenAIClientOptions { Endpoint = new Uri(server.BaseAddress, "v1"), RetryPolicy = new ClientRetryPolicy(0) });
        var log = "";
        try
        {
            ChatCompletion c = await chat.CompleteChatAsync([new UserChatMessage("hi")], new ChatCompletionOptions { MaxOutputTokenCount = 5 });
            log += " ended normally " + c.Content.Count + c.FinishReason;
        }
        catch (Exception e)
        {
            log += " EX " + e.GetType().FullName + " status=" + (e as ClientResultException)?.Status + " msg=" + e.Message + " body=" + (e as ClientResultException)?.GetRawResponse()?.Content;
        }
        Assert.Fail(log);
    }

    [Theory]
    [InlineData("500")]
    [InlineData("503")]
    [InlineData("529")]
    [InlineData("429")]
    [InlineData("error_event")]
    public async Task ExploreAnthropic(string fault)
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with { Faults = [FaultRuleText.Parse(fault)] });
        var client = new AnthropicClient(new ClientOptions { BaseUrl = server.BaseAddress.ToString(), ApiKey = "test", MaxRetries = 0 });
        var log = "";
        try
        {
            await foreach (var e in client.Messages.CreateStreaming(new MessageCreateParams { Model = "claude-test", MaxTokens = 5, Messages = [new UserMessageParam("hi")] }))
            {
                log += "[" + e.GetType().Name + (e.TryPickContentBlockDelta(out var d) ? "delta" : "") + "]";
            }
            log += " ended normally";
        }
        catch (Exception e)
        {
            var t = e.GetType();
            var chain = "";
            for (var b = t; b != null; b = b.BaseType) chain += b.Name + "<";
            log += " EX " + chain + " msg=" + e.Message + " inner=" + e.InnerException?.GetType().Name;
        }
        Assert.Fail(log);
    }
}
