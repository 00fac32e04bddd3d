using System.Diagnostics;
using System.Text.Json;
using LlmLoad.Simulator.Faults;
using LlmLoad.Simulator.Tests.ChatCompletions;
using LlmLoad.Simulator.Tests.TestSupport;
using LlmLoad.Workload;

namespace LlmLoad.Simulator.Tests.Faults;

/// <summary>Each injected fault, seen from a plain HTTP client as a user of either API would see it.</summary>
[Collection(TimingCollection.Name)]
public sealed class FaultInjectionTests
{
    [Theory]
    [InlineData(429, "requests", "rate_limit_exceeded")]
    [InlineData(500, "server_error", null)]
    [InlineData(503, "service_unavailable_error", "server_is_overloaded")]
    [InlineData(529, "service_unavailable_error", "server_is_overloaded")]
    public async Task StatusFault_OpenAi_AnswersThatStatusInOpenAisEnvelope(int status, string type, string? code)
    {
        await using var server = await StartAsync(status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var api = new FaultInjectionApi(server, FaultInjectionApi.OpenAi);

        using var response = await api.PostAsync(maxTokens: 5, stream: true);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.Equal(status == 429, response.Headers.RetryAfter is not null);
    }

    [Theory]
    [InlineData(429, "rate_limit_error")]
    [InlineData(500, "api_error")]
    [InlineData(503, "overloaded_error")]
    [InlineData(529, "overloaded_error")]
    public async Task StatusFault_Anthropic_AnswersThatStatusInAnthropicsEnvelope(int status, string type)
    {
        await using var server = await StartAsync(status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var api = new FaultInjectionApi(server, FaultInjectionApi.Anthropic);

        using var response = await api.PostAsync(maxTokens: 5, stream: true);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("error", body.GetProperty("type").GetString());
        Assert.Equal(type, body.GetProperty("error").GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error").GetProperty("message").GetString()));
        Assert.StartsWith("req_", body.GetProperty("request_id").GetString(), StringComparison.Ordinal);
        Assert.Equal(body.GetProperty("request_id").GetString(), SimulatorClient.Header(response, "request-id"));
        Assert.Equal(status == 429, response.Headers.RetryAfter is not null);
    }

    [Theory]
    [InlineData(FaultInjectionApi.OpenAi)]
    [InlineData(FaultInjectionApi.Anthropic)]
    public async Task Reset_ClientGetsNoResponseButAnException(string apiName)
    {
        await using var server = await StartAsync("reset");
        using var api = new FaultInjectionApi(server, apiName);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => api.PostAsync(maxTokens: 5, stream: true));
    }

    [Theory]
    [InlineData(FaultInjectionApi.OpenAi)]
    [InlineData(FaultInjectionApi.Anthropic)]
    public async Task SlowHeaders_HeadersArriveNoEarlierThanTheDelayThenTheResponseIsNormal(string apiName)
    {
        await using var server = await StartAsync("slow_headers,for=400ms");
        using var api = new FaultInjectionApi(server, apiName);

        var started = Stopwatch.GetTimestamp();
        using var response = await api.PostAsync(maxTokens: 4, stream: true);
        var headersAfter = Stopwatch.GetElapsedTime(started);
        var stream = await FaultInjectionStream.ReadAsync(response, started, api);

        Assert.InRange(headersAfter.TotalMilliseconds, 399, 5_000);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Null(stream.Failure);
        Assert.Equal(4, stream.Content.Count);
        Assert.True(stream.Ended);
    }

    [Theory]
    [InlineData(FaultInjectionApi.OpenAi)]
    [InlineData(FaultInjectionApi.Anthropic)]
    public async Task Cut_StreamBreaksWithNoEndMarkerAfterAtMostTheGivenTokens(string apiName)
    {
        // Tokens 100 ms apart give the client time to read each before the cut. The last token before the cut is
        // still often lost (the simulator aborts before Kestrel has sent it), hence the range; see the skipped test below.
        await using var server = await StartAsync("cut,after=3", itlMs: 100);
        using var api = new FaultInjectionApi(server, apiName);

        await TimingAttempts.AssertOneSucceedsAsync(async () =>
        {
            var stream = await api.StreamAsync(maxTokens: 8);
            var broken = new List<string>();
            TimingAttempts.Within(broken, "content events", stream.Content.Count, 2, 3);
            if (stream.Ended || stream.Events.Any(api.IsError) || stream.Failure is null)
            {
                broken.Add($"ended {stream.Ended}, error event {stream.Events.Any(api.IsError)}, failure {stream.Failure?.Message}");
            }

            return broken;
        });
    }

    [Theory]
    [InlineData(FaultInjectionApi.OpenAi)]
    [InlineData(FaultInjectionApi.Anthropic)]
    public async Task Cut_NoDelays_ClientGetsExactlyTheGivenTokensThenTheBreak(string apiName)
    {
        await using var server = await StartAsync("cut,after=3");
        using var api = new FaultInjectionApi(server, apiName);

        var stream = await api.StreamAsync(maxTokens: 8);

        Assert.Equal(3, stream.Content.Count);
        Assert.False(stream.Ended);
        Assert.NotNull(stream.Failure);
    }

    [Theory]
    [InlineData(FaultInjectionApi.OpenAi)]
    [InlineData(FaultInjectionApi.Anthropic)]
    public async Task Stall_NoBytesForTheDelayAfterTheGivenTokensThenTheRestOnTheirUsualSpacing(string apiName)
    {
        const double Itl = 20, Stall = 300;
        await using var server = await StartAsync("stall,for=300ms,after=3", itlMs: Itl);
        using var api = new FaultInjectionApi(server, apiName);

        await TimingAttempts.AssertOneSucceedsAsync(async () =>
        {
            var stream = await api.StreamAsync(maxTokens: 6);
            var broken = new List<string>();
            var content = stream.Content;
            if (content.Count != 6 || !stream.Ended || stream.Failure is not null)
            {
                broken.Add($"{content.Count} content events, ended {stream.Ended}, failure {stream.Failure?.Message}");
                return broken;
            }

            for (var i = 1; i < content.Count; i++)
            {
                var gap = (content[i].At - content[i - 1].At).TotalMilliseconds;
                // The stall comes on top of the gap the stalled token would have had anyway.
                var (low, high) = i == 3 ? (Itl + Stall - 3, Itl + Stall + 150) : (Itl - 5, Itl + 60);
                TimingAttempts.Within(broken, $"gap before token {i + 1}", gap, low, high);
            }

            return broken;
        });
    }

    [Theory]
    [InlineData(FaultInjectionApi.OpenAi)]
    [InlineData(FaultInjectionApi.Anthropic)]
    public async Task Malformed_OneUnparsableEventAfterTheGivenTokensThenTheStreamGoesOn(string apiName)
    {
        await using var server = await StartAsync("malformed,after=2");
        using var api = new FaultInjectionApi(server, apiName);

        var stream = await api.StreamAsync(maxTokens: 5);

        var malformed = Assert.Single(stream.Events, api.IsUnparsable);
        var at = stream.Events.ToList().IndexOf(malformed);
        Assert.Equal(2, stream.Events.Take(at).Count(api.IsContent));
        Assert.Equal(3, stream.Events.Skip(at + 1).Count(api.IsContent));
        Assert.True(api.IsEnd(stream.Events[^1]));
        Assert.Null(stream.Failure);
    }

    [Theory]
    [InlineData(FaultInjectionApi.OpenAi)]
    [InlineData(FaultInjectionApi.Anthropic)]
    public async Task ErrorEvent_ErrorInsideTheOkStreamAfterTheGivenTokensAndNothingAfter(string apiName)
    {
        await using var server = await StartAsync("error_event,after=2");
        using var api = new FaultInjectionApi(server, apiName);

        var stream = await api.StreamAsync(maxTokens: 5);

        Assert.Equal(2, stream.Content.Count);
        Assert.True(api.IsError(stream.Events[^1]), $"last event: {stream.Events[^1]}");
        Assert.Single(stream.Events, api.IsError);
        Assert.False(stream.Ended);
        Assert.Null(stream.Failure);
        var json = stream.Events[^1].Json;
        if (api.IsAnthropic)
        {
            Assert.Equal("error", json.GetProperty("type").GetString());
            Assert.Equal("overloaded_error", json.GetProperty("error").GetProperty("type").GetString());
        }
        else
        {
            Assert.Equal("server_error", json.GetProperty("error").GetProperty("type").GetString());
            Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("error").GetProperty("message").GetString()));
        }
    }

    private static Task<SimulatorServer> StartAsync(string rule, double itlMs = 0) => SimulatorServer.StartAsync(new SimulatorOptions
    {
        TimeToFirstTokenMs = new NormalSpec(0, 0),
        InterTokenLatencyMs = new NormalSpec(itlMs, 0),
        Faults = [FaultRuleText.Parse(rule)],
    });
}
