using System.Text.Json;
using LlmLoad.Simulator.Generation;
using LlmLoad.Simulator.Tests.TestSupport;
using LlmLoad.Workload;

namespace LlmLoad.Simulator.Tests.Reasoning;

public sealed class ChatReasoningTests
{
    private static string Body(int maxTokens, bool stream) => JsonSerializer.Serialize(stream
        ? new { model = "o-test", messages = new[] { new { role = "user", content = "hi" } }, max_completion_tokens = maxTokens, stream, stream_options = new { include_usage = true } }
        : (object)new { model = "o-test", messages = new[] { new { role = "user", content = "hi" } }, max_completion_tokens = maxTokens });

    [Theory]
    [InlineData("reasoning_content")]
    [InlineData("reasoning")]
    public async Task Stream_ReasoningProfile_ThinksFirstInTheNamedFieldThenAnswers_AndCountsReasoningInUsage(string field)
    {
        var events = await StreamAsync(new SimulatedReasoning { Tokens = 3, ChatField = field }, 8);

        var deltas = events.Where(e => !e.IsDone && e.Json.GetProperty("choices").GetArrayLength() > 0)
            .Select(e => e.Json.GetProperty("choices")[0].GetProperty("delta")).ToList();
        var kinds = deltas.Skip(1).SkipLast(1).Select(d => d.EnumerateObject().Single().Name).ToList();
        Assert.Equal([field, field, field, "content", "content", "content", "content", "content"], kinds);
        Assert.All(deltas.Skip(1).Take(3), d => Assert.Matches("^ [a-z]+$", d.GetProperty(field).GetString()));
        var usage = events[^2].Json.GetProperty("usage");
        Assert.Equal(8, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(3, usage.GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32());
        Assert.Equal(5, TokenCounter.Default.Count(string.Concat(events.Select(e => e.IsDone ? null : e.Content))));
    }

    [Fact]
    public async Task Stream_HiddenReasoning_SendsOnlyTheAnswer_ButUsageStillCountsTheReasoning()
    {
        var events = await StreamAsync(new SimulatedReasoning { Tokens = 3, ChatField = SimulatedReasoning.Hidden }, 8);

        Assert.DoesNotContain(events, e => e.Data.Contains("reasoning_content", StringComparison.Ordinal));
        Assert.Equal(5, events.Count(e => !e.IsDone && !string.IsNullOrEmpty(e.Content)));
        var usage = events[^2].Json.GetProperty("usage");
        Assert.Equal((8, 3), (usage.GetProperty("completion_tokens").GetInt32(), usage.GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32()));
    }

    [Fact]
    public async Task Stream_ReasoningLongerThanTheCap_LeavesOneAnswerToken()
    {
        var events = await StreamAsync(new SimulatedReasoning { Tokens = 50 }, 4);

        Assert.Equal(1, events.Count(e => !e.IsDone && !string.IsNullOrEmpty(e.Content)));
        Assert.Equal(3, events[^2].Json.GetProperty("usage").GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32());
    }

    [Fact]
    public async Task Buffered_ReasoningProfile_MessageCarriesReasoningApartFromContent()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with { Reasoning = new SimulatedReasoning { Tokens = 4 } });
        using var client = new SimulatorClient(server);

        var json = await client.PostForJsonAsync(Body(10, stream: false));

        var message = json.GetProperty("choices")[0].GetProperty("message");
        Assert.Equal(4, TokenCounter.Default.Count(message.GetProperty("reasoning_content").GetString()!));
        Assert.Equal(6, TokenCounter.Default.Count(message.GetProperty("content").GetString()!));
        Assert.Equal(4, json.GetProperty("usage").GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32());
        Assert.Equal(10, json.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Stream_HiddenReasoning_FirstAnswerWaitsForTheReasoningTokens()
    {
        // Pacing never sends a token early, so the lower bound holds however slow the machine is.
        const int Reasoning = 10;
        const double ItlMs = 15;
        var options = new SimulatorOptions
        {
            TimeToFirstTokenMs = new(50, 0),
            InterTokenLatencyMs = new(ItlMs, 0),
            Reasoning = new SimulatedReasoning { Tokens = Reasoning, ChatField = SimulatedReasoning.Hidden },
        };
        await using var server = await SimulatorServer.StartAsync(options);
        using var client = new SimulatorClient(server);

        var (response, events) = await client.StreamAsync(Body(12, stream: true));
        response.Dispose();

        var firstAnswer = events.First(e => !e.IsDone && !string.IsNullOrEmpty(e.Content));
        Assert.True(firstAnswer.At.TotalMilliseconds >= 50 + (Reasoning * ItlMs) - 1, $"first answer at {firstAnswer.At.TotalMilliseconds} ms");
    }

    private static async Task<List<SseEvent>> StreamAsync(SimulatedReasoning reasoning, int maxTokens)
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with { Reasoning = reasoning });
        using var client = new SimulatorClient(server);
        var (response, events) = await client.StreamAsync(Body(maxTokens, stream: true));
        response.Dispose();
        return events;
    }
}
