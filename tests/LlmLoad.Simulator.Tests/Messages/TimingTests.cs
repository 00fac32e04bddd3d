using System.Diagnostics;
using LlmLoad.Simulator.Tests.ChatCompletions;
using LlmLoad.Simulator.Tests.TestSupport;

namespace LlmLoad.Simulator.Tests.Messages;

[Collection(TimingCollection.Name)]
public sealed class TimingTests
{
    // As loose as the chat completions timing tests: enough to tell the schedule from one that counts
    // the opening events as the first token or adds each gap's timer overshoot.
    private const double ToleranceMs = 40;

    [Fact]
    public async Task CreateMessage_Stream_OpensAtOnceThenSendsTokensAtTtftPlusGaps()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { TimeToFirstTokenMs = new(100, 0), InterTokenLatencyMs = new(10, 0) });
        using var client = new MessagesClient(server);
        await WarmUpAsync(client);

        await TimingAttempts.AssertOneSucceedsAsync(async () =>
        {
            var (response, events) = await client.StreamAsync(MessagesClient.Body(20, stream: true));
            response.Dispose();
            var content = events.Where(e => e.Name == "content_block_delta").ToList();
            Assert.Equal(20, content.Count);
            var broken = new List<string>();
            TimingAttempts.Within(broken, "ping (ms)", events[2].At.TotalMilliseconds, 0, 100 - ToleranceMs);
            TimingAttempts.Within(broken, "message_stop (ms)", events[^1].At.TotalMilliseconds, 290 - ToleranceMs, 290 + ToleranceMs);
            for (var i = 0; i < content.Count; i++)
            {
                TimingAttempts.Within(broken, $"token {i} (ms)", content[i].At.TotalMilliseconds, 100 + (10 * i) - ToleranceMs, 100 + (10 * i) + ToleranceMs);
            }

            return broken;
        });
    }

    [Fact]
    public async Task CreateMessage_Buffered_ArrivesWhenTheLastTokenIsGenerated()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { TimeToFirstTokenMs = new(50, 0), InterTokenLatencyMs = new(10, 0) });
        using var client = new MessagesClient(server);
        await WarmUpAsync(client);

        await TimingAttempts.AssertOneSucceedsAsync(async () =>
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.PostAsync(MessagesClient.Body(10, stream: false));
            await response.Content.ReadAsStringAsync();
            var broken = new List<string>();
            TimingAttempts.Within(broken, "response (ms)", Stopwatch.GetElapsedTime(started).TotalMilliseconds, 140 - ToleranceMs, 140 + ToleranceMs);
            return broken;
        });
    }

    /// <summary>Opens the connection and JIT-compiles both ends, so the measured request is only the schedule.</summary>
    private static async Task WarmUpAsync(MessagesClient client)
    {
        var (response, _) = await client.StreamAsync(MessagesClient.Body(1, stream: true));
        response.Dispose();
    }
}
