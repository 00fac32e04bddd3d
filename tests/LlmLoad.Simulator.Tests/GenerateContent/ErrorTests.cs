using System.Text.Json;
using LlmLoad.Simulator.Faults;
using LlmLoad.Simulator.RateLimiting;
using LlmLoad.Simulator.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace LlmLoad.Simulator.Tests.GenerateContent;

/// <summary>
/// Google's error envelope <c>{"error":{"code","message","status","details"}}</c> for every refusal, with the
/// live API's statuses: a missing key is 403 PERMISSION_DENIED, a wrong one 400 INVALID_ARGUMENT with an
/// <c>ErrorInfo</c> API_KEY_INVALID, a quota 429 RESOURCE_EXHAUSTED whose wait is a <c>RetryInfo</c> in the body.
/// </summary>
public sealed class ErrorTests
{
    private const string Key = "AIza-test-expected-key-123456";

    [Theory]
    [InlineData(GeminiWire.StreamPath)]
    [InlineData(GeminiWire.BufferedPath)]
    public async Task Generate_KeyInHeaderOrQuery_IsAccepted(string path)
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with { ApiKey = Key });

        var (headerStatus, headerResponse, _) = await GeminiWire.PostAsync(server, path, GeminiWire.Body(4), key: Key);
        var (queryStatus, queryResponse, _) = await GeminiWire.PostAsync(server, path + (path.Contains('?') ? "&" : "?") + "key=" + Key, GeminiWire.Body(4), key: null);
        headerResponse.Dispose();
        queryResponse.Dispose();

        Assert.Equal(200, headerStatus);
        Assert.Equal(200, queryStatus);
    }

    [Fact]
    public async Task Generate_WrongKey_Is400InvalidArgumentWithApiKeyInvalid()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with { ApiKey = Key });

        var (status, response, body) = await GeminiWire.PostAsync(server, GeminiWire.StreamPath, GeminiWire.Body(4), key: "AIza-wrong");
        using var _ = response;

        Assert.Equal(400, status);
        Assert.Equal("application/json; charset=UTF-8", SimulatorClient.Header(response, "Content-Type"));
        var error = GeminiWire.Error(body);
        Assert.Equal(400, error.GetProperty("code").GetInt32());
        Assert.Equal("INVALID_ARGUMENT", error.GetProperty("status").GetString());
        Assert.Equal("API key not valid. Please pass a valid API key.", error.GetProperty("message").GetString());
        var info = Assert.Single(error.GetProperty("details").EnumerateArray());
        Assert.Equal("type.googleapis.com/google.rpc.ErrorInfo", info.GetProperty("@type").GetString());
        Assert.Equal("API_KEY_INVALID", info.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Generate_NoKey_Is403PermissionDenied()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);

        var (status, response, body) = await GeminiWire.PostAsync(server, GeminiWire.BufferedPath, GeminiWire.Body(4), key: null);
        response.Dispose();

        Assert.Equal(403, status);
        var error = GeminiWire.Error(body);
        Assert.Equal(403, error.GetProperty("code").GetInt32());
        Assert.Equal("PERMISSION_DENIED", error.GetProperty("status").GetString());
        Assert.StartsWith("Method doesn't allow unregistered callers", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"contents":[]}""", "* GenerateContentRequest.contents: contents is not specified\n")]
    [InlineData("""{"contents":[{"role":"user","parts":[]}]}""", "* GenerateContentRequest.contents[0].parts: contents.parts must not be empty.\n")]
    [InlineData("""{"contents":[{"role":"system","parts":[{"text":"hi"}]}]}""", "Please use a valid role: user, model.")]
    [InlineData("""{"contents":[{"parts":[{"text":"hi"}]}],"generationConfig":{"maxOutputTokens":"ten"}}""", "Invalid value at 'generation_config.max_output_tokens' (TYPE_INT32), \"ten\"")]
    public async Task Generate_InvalidBody_Is400InvalidArgumentInTheApisWords(string body, string message)
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);

        var (status, response, answer) = await GeminiWire.PostAsync(server, GeminiWire.BufferedPath, body);
        response.Dispose();

        Assert.Equal(400, status);
        var error = GeminiWire.Error(answer);
        Assert.Equal("INVALID_ARGUMENT", error.GetProperty("status").GetString());
        Assert.Equal(message, error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Generate_UnknownMethod_Is404NotFound()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);

        var (status, response, body) = await GeminiWire.PostAsync(server, "v1beta/models/gemini-test:countTokens", GeminiWire.Body(4));
        response.Dispose();

        Assert.Equal(404, status);
        Assert.Equal("NOT_FOUND", GeminiWire.Error(body).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Generate_PastTheRequestLimit_Is429ResourceExhaustedWithQuotaFailureAndRetryInfoAndNoHeaders()
    {
        // A fake clock: no time passes, so the wait is exactly one refill of a 2-a-minute bucket.
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with
        {
            RateLimits = new RateLimits { RequestsPerMinute = 2 },
            Time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero)),
        });
        for (var i = 0; i < 2; i++)
        {
            var (ok, okResponse, _) = await GeminiWire.PostAsync(server, GeminiWire.BufferedPath, GeminiWire.Body(4));
            Assert.Equal(200, ok);
            // The live API announces no limits in headers.
            Assert.DoesNotContain(okResponse.Headers, h => h.Key.StartsWith("x-ratelimit", StringComparison.OrdinalIgnoreCase));
            okResponse.Dispose();
        }

        var (status, response, body) = await GeminiWire.PostAsync(server, GeminiWire.StreamPath, GeminiWire.Body(4));
        using var _ = response;

        Assert.Equal(429, status);
        Assert.Null(SimulatorClient.Header(response, "retry-after"));
        var error = GeminiWire.Error(body);
        Assert.Equal(429, error.GetProperty("code").GetInt32());
        Assert.Equal("RESOURCE_EXHAUSTED", error.GetProperty("status").GetString());
        Assert.StartsWith("You exceeded your current quota, please check your plan and billing details.", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        var details = error.GetProperty("details").EnumerateArray().ToDictionary(d => d.GetProperty("@type").GetString()!);
        var violation = Assert.Single(details["type.googleapis.com/google.rpc.QuotaFailure"].GetProperty("violations").EnumerateArray());
        Assert.Equal("generativelanguage.googleapis.com/generate_content_paid_tier_requests", violation.GetProperty("quotaMetric").GetString());
        Assert.Equal(GeminiWire.Model, violation.GetProperty("quotaDimensions").GetProperty("model").GetString());
        Assert.Equal("2", violation.GetProperty("quotaValue").GetString());
        Assert.True(details.ContainsKey("type.googleapis.com/google.rpc.Help"));
        Assert.Equal("30s", details["type.googleapis.com/google.rpc.RetryInfo"].GetProperty("retryDelay").GetString());
    }

    [Theory]
    [InlineData("429", 429, "RESOURCE_EXHAUSTED")]
    [InlineData("500", 500, "INTERNAL")]
    [InlineData("503", 503, "UNAVAILABLE")]
    public async Task Generate_StatusFault_AnswersInGooglesEnvelope(string fault, int code, string googleStatus)
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with { Faults = [FaultRuleText.Parse(fault)] });

        var (status, response, body) = await GeminiWire.PostAsync(server, GeminiWire.StreamPath, GeminiWire.Body(4));
        response.Dispose();

        Assert.Equal(code, status);
        var error = GeminiWire.Error(body);
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        Assert.Equal(googleStatus, error.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, error.GetProperty("message").ValueKind);
    }
}
