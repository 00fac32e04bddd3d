using System.Globalization;
using System.Net;
using System.Text.Json;
using LlmLoad.Simulator.Faults;
using LlmLoad.Simulator.RateLimiting;
using LlmLoad.Simulator.Tests.TestSupport;
using LlmLoad.Workload;
using Microsoft.Extensions.Time.Testing;

namespace LlmLoad.Simulator.Tests.AzureOpenAi;

public sealed class AzureBufferedAndErrorTests
{
    private const string Key = "azure-key-0123456789abcdef";

    private static readonly SimulatorOptions WithKey = SimulatorClient.Instant with { ApiKey = Key };

    [Fact]
    public async Task Deployments_Buffered_BodyCarriesPromptAndChoiceFilterResults()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);

        using var response = await AzureRequest.PostAsync(server, AzureRequest.DeploymentPath, AzureRequest.Body(7, stream: false));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
        Assert.Equal("gpt-4o-deploy", body.GetProperty("model").GetString());
        var choice = body.GetProperty("choices")[0];
        Assert.Equal(7, TokenCounter.Default.Count(choice.GetProperty("message").GetProperty("content").GetString()!));
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        Assert.False(choice.GetProperty("content_filter_results").GetProperty("violence").GetProperty("filtered").GetBoolean());
        var prompt = body.GetProperty("prompt_filter_results")[0].GetProperty("content_filter_results");
        Assert.False(prompt.GetProperty("jailbreak").GetProperty("detected").GetBoolean());
        Assert.Equal(7, body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Deployments_NoApiVersion_IsAzures404()
    {
        await using var server = await SimulatorServer.StartAsync(WithKey);

        using var response = await AzureRequest.PostAsync(server, "openai/deployments/d/chat/completions", AzureRequest.Body(2, stream: false), apiKey: Key);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("""{"error":{"code":"404","message":"Resource not found"}}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Deployments_UndatedApiVersion_IsAzures400()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);

        using var response = await AzureRequest.PostAsync(server, "openai/deployments/d/chat/completions?api-version=latest", AzureRequest.Body(2, stream: false));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"error":{"code":"BadRequest","message":"API version not supported"}}""", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(null, null, "Access denied due to missing subscription key.")]
    [InlineData("wrong-key-0123456789", null, "Access denied due to invalid subscription key or wrong API endpoint.")]
    [InlineData(null, "wrong-token-0123456789", "Unauthorized. Access token is missing, invalid")]
    public async Task Deployments_MissingOrWrongKey_IsAzures401WithCodeAndNoType(string? apiKey, string? bearer, string messageStart)
    {
        await using var server = await SimulatorServer.StartAsync(WithKey);

        using var response = await AzureRequest.PostAsync(server, AzureRequest.DeploymentPath, AzureRequest.Body(2, stream: false), apiKey, bearer);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("401", error.GetProperty("code").GetString());
        Assert.StartsWith(messageStart, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(error.TryGetProperty("type", out _));
        Assert.DoesNotContain(apiKey ?? bearer ?? Key, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RightKey_InApiKeyHeaderOrAsBearer_IsServed(bool asBearer)
    {
        await using var server = await SimulatorServer.StartAsync(WithKey);

        using var response = await AzureRequest.PostAsync(server, AzureRequest.V1Path, AzureRequest.Body(2, stream: false, model: "d"), asBearer ? null : Key, asBearer ? Key : null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task RateLimited_SendsRemainingHeadersThenAzures429WithRetryAfterAndRetryAfterMs()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with
        {
            RateLimits = new RateLimits { RequestsPerMinute = 2, TokensPerMinute = 100_000 },
            Time = clock,
        });

        for (var remaining = 1; remaining >= 0; remaining--)
        {
            using var ok = await AzureRequest.PostAsync(server, AzureRequest.DeploymentPath, AzureRequest.Body(2, stream: false));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal(remaining.ToString(CultureInfo.InvariantCulture), SimulatorClient.Header(ok, "x-ratelimit-remaining-requests"));
            Assert.NotNull(SimulatorClient.Header(ok, "x-ratelimit-remaining-tokens"));
            // Azure reports what is left, not OpenAI's limit and reset.
            Assert.Null(SimulatorClient.Header(ok, "x-ratelimit-limit-requests"));
        }

        using var refused = await AzureRequest.PostAsync(server, AzureRequest.DeploymentPath, AzureRequest.Body(2, stream: false));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        // Two requests a minute refill one every 30 s, and no time has passed.
        Assert.Equal("30", SimulatorClient.Header(refused, "retry-after"));
        Assert.Equal("30000", SimulatorClient.Header(refused, "retry-after-ms"));
        var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("429", error.GetProperty("code").GetString());
        Assert.False(error.TryGetProperty("type", out _));
        Assert.Equal(
            "Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded call rate limit of your current OpenAI S0 pricing tier. Please retry after 30 seconds. Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.",
            error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task InjectedOverload429_IsAzures429WithRetryAfter()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with { Faults = [FaultRuleText.Parse("429")] });

        using var response = await AzureRequest.PostAsync(server, AzureRequest.DeploymentPath, AzureRequest.Body(2, stream: true));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("1", SimulatorClient.Header(response, "retry-after"));
        Assert.Equal("1000", SimulatorClient.Header(response, "retry-after-ms"));
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("429", error.GetProperty("code").GetString());
        Assert.StartsWith("Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InjectedServerError_KeepsTheModelsOpenAiEnvelope()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with { Faults = [FaultRuleText.Parse("500")] });

        using var response = await AzureRequest.PostAsync(server, AzureRequest.V1Path, AzureRequest.Body(2, stream: false, model: "d"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("server_error", error.GetProperty("type").GetString());
    }
}
