using System.ClientModel;
using LlmLoad.Simulator.Faults;
using LlmLoad.Simulator.RateLimiting;
using LlmLoad.Simulator.Tests.TestSupport;
using LlmLoad.Workload;
using Microsoft.Extensions.Time.Testing;
using OpenAI.Responses;

namespace LlmLoad.Simulator.Tests;

/// <summary>
/// The official OpenAI .NET SDK's Responses client against the simulator's <c>POST /v1/responses</c>: what it
/// yields from the typed event stream and the buffered body, and the errors it raises, are what a user of the
/// real API would see. SDK retries are off, or it would retry a 429 and hide what the server said.
/// </summary>
public sealed class ResponsesSdkTests
{
    private const string Model = "gpt-test";
    private const string Prompt = "Explain load testing in one paragraph.";

    [Fact]
    public async Task CreateResponseStreamingAsync_WithCap_DeltasInOrderThenIncompleteWithUsageAndTheResponsesId()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        var client = SdkClients.OpenAiResponses(server);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var updates = new List<StreamingResponseUpdate>();
        await foreach (var update in await client.CreateResponseStreamingAsync(Options(maxOutputTokens: 20, stream: true), timeout.Token))
        {
            updates.Add(update);
        }

        // The SDK parses every event the simulator sends into its typed update, numbered 0, 1, 2, … without a gap.
        Assert.Equal(Enumerable.Range(0, updates.Count), updates.Select(u => u.SequenceNumber));
        var created = Assert.IsType<StreamingResponseCreatedUpdate>(updates[0]);
        Assert.Equal(ResponseStatus.InProgress, created.Response.Status);
        var deltas = updates.OfType<StreamingResponseOutputTextDeltaUpdate>().ToList();
        Assert.Equal(20, deltas.Count);
        var done = Assert.Single(updates.OfType<StreamingResponseOutputTextDoneUpdate>());
        Assert.Equal(string.Concat(deltas.Select(d => d.Delta)), done.Text);
        Assert.Equal(20, TokenCounter.Default.Count(done.Text));

        // Cut off at max_output_tokens: the real API ends with response.incomplete, reason max_output_tokens.
        var incomplete = Assert.IsType<StreamingResponseIncompleteUpdate>(updates[^1]);
        var response = incomplete.Response;
        Assert.Equal(created.Response.Id, response.Id);
        Assert.StartsWith("resp_", response.Id, StringComparison.Ordinal);
        Assert.Equal(ResponseStatus.Incomplete, response.Status);
        Assert.Equal(ResponseIncompleteStatusReason.MaxOutputTokens, response.IncompleteStatusDetails.Reason);
        Assert.Equal(done.Text, response.GetOutputText());
        Assert.Equal(TokenCounter.Default.Count(Prompt), response.Usage.InputTokenCount);
        Assert.Equal(20, response.Usage.OutputTokenCount);
        Assert.Equal(response.Usage.InputTokenCount + 20, response.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task CreateResponseStreamingAsync_NoCap_EndsWithCompletedCarryingTheServersDefaultLength()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with { DefaultMaxTokens = 24 });
        var client = SdkClients.OpenAiResponses(server);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        StreamingResponseUpdate? last = null;
        var text = "";
        await foreach (var update in await client.CreateResponseStreamingAsync(Options(maxOutputTokens: null, stream: true), timeout.Token))
        {
            text += (update as StreamingResponseOutputTextDeltaUpdate)?.Delta;
            last = update;
        }

        var completed = Assert.IsType<StreamingResponseCompletedUpdate>(last);
        Assert.Equal(ResponseStatus.Completed, completed.Response.Status);
        Assert.Null(completed.Response.IncompleteStatusDetails);
        Assert.Equal(24, completed.Response.Usage.OutputTokenCount);
        Assert.Equal(24, TokenCounter.Default.Count(text));
        Assert.Equal(text, completed.Response.GetOutputText());
    }

    [Fact]
    public async Task CreateResponseAsync_Buffered_ReturnsTheOutputTextStatusAndUsage()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        var client = SdkClients.OpenAiResponses(server);
        var options = Options(maxOutputTokens: 16);
        options.Instructions = "You are terse.";

        ResponseResult response = await client.CreateResponseAsync(options);

        Assert.StartsWith("resp_", response.Id, StringComparison.Ordinal);
        Assert.Equal(Model, response.Model);
        Assert.Equal(ResponseStatus.Incomplete, response.Status);
        Assert.Equal(16, response.MaxOutputTokenCount);
        var message = Assert.IsAssignableFrom<MessageResponseItem>(Assert.Single(response.OutputItems));
        Assert.Equal(MessageRole.Assistant, message.Role);
        Assert.Equal(16, TokenCounter.Default.Count(response.GetOutputText()));
        Assert.Equal(TokenCounter.Default.Count("You are terse.") + TokenCounter.Default.Count(Prompt), response.Usage.InputTokenCount);
        Assert.Equal(16, response.Usage.OutputTokenCount);
        Assert.Equal(0, response.Usage.OutputTokenDetails.ReasoningTokenCount);
        Assert.Equal(0, response.Usage.InputTokenDetails.CachedTokenCount);
    }

    [Fact]
    public async Task CreateResponseAsync_WrongKey_Throws401WithTheMaskedKey()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with { ApiKey = "sk-test-expected-key-123456" });
        var client = SdkClients.OpenAiResponses(server, apiKey: "sk-wrong-key-abcdefghij");

        var buffered = await Assert.ThrowsAsync<ClientResultException>(() => client.CreateResponseAsync(Options(16)));
        var streamed = await Assert.ThrowsAsync<ClientResultException>(() => client.CreateResponseStreamingAsync(Options(16, stream: true)));

        Assert.Equal(401, buffered.Status);
        Assert.Contains("Incorrect API key provided: sk-***ghij.", buffered.Message, StringComparison.Ordinal);
        Assert.Equal(401, streamed.Status);
    }

    [Fact]
    public async Task CreateResponseAsync_MaxOutputTokensBelowTheFloor_Throws400NamingTheField()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        var client = SdkClients.OpenAiResponses(server);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.CreateResponseAsync(Options(maxOutputTokens: 8)));

        Assert.Equal(400, error.Status);
        Assert.Contains("Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got 8 instead.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateResponseAsync_RequestsPerMinuteExceeded_Throws429WithRetryAfterAndTheLimitsHeaders()
    {
        // A fake clock: no time passes between the two requests, so the wait is exactly one refill.
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with
        {
            RateLimits = new RateLimits { RequestsPerMinute = 2 },
            Time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero)),
        });
        var client = SdkClients.OpenAiResponses(server);

        await client.CreateResponseAsync(Options(16));
        await client.CreateResponseAsync(Options(16));
        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.CreateResponseAsync(Options(16)));
        var streamed = await Assert.ThrowsAsync<ClientResultException>(() => client.CreateResponseStreamingAsync(Options(16, stream: true)));

        Assert.Equal(429, error.Status);
        Assert.Contains($"Rate limit reached for {Model} in organization org-llmload-simulator on requests per min (RPM): Limit 2", error.Message, StringComparison.Ordinal);
        var headers = error.GetRawResponse()!.Headers;
        // Two requests a minute refill one every 30 s.
        Assert.True(headers.TryGetValue("retry-after", out var retryAfter));
        Assert.Equal("30", retryAfter);
        Assert.True(headers.TryGetValue("x-ratelimit-remaining-requests", out var remaining));
        Assert.Equal("0", remaining);
        Assert.Equal(429, streamed.Status);
    }

    [Fact]
    public async Task CreateResponseStreamingAsync_ServerFailsMidStream_SdkYieldsThePartialTextThenAFailedResponse()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with { Faults = [FaultRuleText.Parse("error_event,after=2")] });
        var client = SdkClients.OpenAiResponses(server);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        // The SDK does not throw on response.failed: it hands the user a failed response with its error.
        var updates = new List<StreamingResponseUpdate>();
        await foreach (var update in await client.CreateResponseStreamingAsync(Options(16, stream: true), timeout.Token))
        {
            updates.Add(update);
        }

        Assert.Equal(2, updates.OfType<StreamingResponseOutputTextDeltaUpdate>().Count());
        var failed = Assert.IsType<StreamingResponseFailedUpdate>(updates[^1]);
        Assert.Equal(ResponseStatus.Failed, failed.Response.Status);
        Assert.Equal(ResponseErrorCode.ServerError, failed.Response.Error.Code);
        Assert.Null(failed.Response.Usage);
    }

    private static CreateResponseOptions Options(int? maxOutputTokens, bool stream = false) => new(Model, [ResponseItem.CreateUserMessageItem(Prompt)])
    {
        MaxOutputTokenCount = maxOutputTokens,
        StreamingEnabled = stream,
    };
}
