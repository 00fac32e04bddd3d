using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Anthropic.Core;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Responses;

namespace LlmLoad.Simulator.Tests.TestSupport;

/// <summary>The official OpenAI and Anthropic SDKs pointed at a simulator, without retries, as the SDK tests use them.</summary>
internal static class SdkClients
{
    public static ChatClient OpenAi(SimulatorServer server) => new(
        "gpt-test",
        new ApiKeyCredential("test"),
        new OpenAIClientOptions
        {
            Endpoint = new Uri(server.BaseAddress, "v1"),
            NetworkTimeout = TimeSpan.FromSeconds(30),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        });

    /// <summary>The Responses API client; <paramref name="apiKey"/> is sent as the bearer token.</summary>
    public static ResponsesClient OpenAiResponses(SimulatorServer server, string apiKey = "test") => new(
        new ApiKeyCredential(apiKey),
        new ResponsesClientOptions
        {
            Endpoint = new Uri(server.BaseAddress, "v1"),
            NetworkTimeout = TimeSpan.FromSeconds(30),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        });

    public static AnthropicClient Anthropic(SimulatorServer server) => new(new ClientOptions
    {
        BaseUrl = server.BaseAddress.ToString(),
        ApiKey = "test",
        MaxRetries = 0,
        Timeout = TimeSpan.FromSeconds(30),
    });
}
