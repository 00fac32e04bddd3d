using LlmLoad.Simulator.Serving;
using LlmLoad.Simulator.Tests.ChatCompletions;
using LlmLoad.Simulator.Tests.TestSupport;
using LlmLoad.Workload;

namespace LlmLoad.Simulator.Tests.Serving.PrefixCaching;

/// <summary>Cached prompt tokens skip prefill: time to first token counts only the rest.</summary>
[Collection(TimingCollection.Name)]
public sealed class PrefixCacheTimingTests
{
    private const double ToleranceMs = 40;

    [Fact]
    public async Task SecondRequestWithTheSameLongSystemPrompt_HasAShorterTimeToFirstToken()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            TimeToFirstTokenMs = new(20, 0),
            InterTokenLatencyMs = new(1, 0),
            Capacity = new ServingCapacity { PrefillTokensPerSecond = 10_000, PrefixCacheTokens = 1_000_000 },
        });
        using var client = new SimulatorClient(server);
        await FirstTokenMsAsync(client, "warm-up", "hi");
        const string User = "What does the policy say about refunds?";
        var userTokens = TokenCounter.Default.Count(User);
        var attempt = 0;

        await TimingAttempts.AssertOneSucceedsAsync(async () =>
        {
            // A new system prompt per attempt, so each attempt's first request misses.
            var system = $"Attempt {++attempt}." + PrefixCacheUsageTests.Words("hello", 3000);
            var systemTokens = TokenCounter.Default.Count(system);
            var missTtft = await FirstTokenMsAsync(client, system, User);
            var hitTtft = await FirstTokenMsAsync(client, system, User);
            var broken = new List<string>();
            // About 3,000 prompt tokens at 10,000/s: 300 ms of prefill on the miss, only the user message's on the hit.
            var miss = 20 + ((systemTokens + userTokens) / 10.0);
            var hit = 20 + (userTokens / 10.0);
            TimingAttempts.Within(broken, "TTFT without the cache (ms)", missTtft, miss - 10, miss + ToleranceMs);
            TimingAttempts.Within(broken, "TTFT from the cache (ms)", hitTtft, hit - 5, hit + ToleranceMs);
            return broken;
        });
    }

    private static async Task<double> FirstTokenMsAsync(SimulatorClient client, string system, string user)
    {
        var (response, events) = await client.StreamAsync(PrefixCacheUsageTests.ChatBody(system, user, stream: true));
        response.Dispose();
        return events.First(e => e.Data.Contains("\"delta\":{\"content\":\"", StringComparison.Ordinal)).At.TotalMilliseconds;
    }
}
