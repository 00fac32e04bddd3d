using System.Diagnostics;
using System.Text.Json;
using LlmLoad.Simulator.Serving;
using LlmLoad.Simulator.Tests.ChatCompletions;
using LlmLoad.Simulator.Tests.TestSupport;

namespace LlmLoad.Simulator.Tests.Serving;

/// <summary>The capacity model as a client sees it: queue wait, prefill and batch size in the timings.</summary>
[Collection(TimingCollection.Name)]
public sealed class QueueingTests
{
    private const double ToleranceMs = 40;

    [Fact]
    public async Task FullBatch_LaterRequestsWaitOneServiceTimePerWave()
    {
        // Two slots, 10 tokens each: a request holds its slot 50 + 9 x 10 = 140 ms, so of six sent at
        // once, two start at once, two after 140 ms and two after 280 ms.
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            TimeToFirstTokenMs = new(50, 0),
            InterTokenLatencyMs = new(10, 0),
            Capacity = new ServingCapacity { MaxBatch = 2 },
        });
        using var client = new SimulatorClient(server);
        await WarmUpAsync(client);

        await TimingAttempts.AssertOneSucceedsAsync(async () =>
        {
            var ttfts = (await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => FirstTokenMsAsync(client, 10)))).Order().ToArray();
            var broken = new List<string>();
            for (var i = 0; i < ttfts.Length; i++)
            {
                var expected = 50 + (140 * (i / 2));
                TimingAttempts.Within(broken, $"TTFT of request {i} by rank (ms)", ttfts[i], expected - ToleranceMs, expected + ToleranceMs);
            }

            return broken;
        });
    }

    [Fact]
    public async Task Prefill_AddsPromptTokensOverPrefillSpeedToTimeToFirstToken()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            TimeToFirstTokenMs = new(20, 0),
            InterTokenLatencyMs = new(1, 0),
            Capacity = new ServingCapacity { PrefillTokensPerSecond = 10_000 },
        });
        using var client = new SimulatorClient(server);
        await WarmUpAsync(client);
        var longPrompt = string.Concat(Enumerable.Repeat(" hello", 3000));

        await TimingAttempts.AssertOneSucceedsAsync(async () =>
        {
            var shortTtft = await FirstTokenMsAsync(client, 2, "hi");
            var longTtft = await FirstTokenMsAsync(client, 2, longPrompt);
            var broken = new List<string>();
            TimingAttempts.Within(broken, "short prompt TTFT (ms)", shortTtft, 20 - 5, 20 + ToleranceMs);
            // 3,000 prompt tokens at 10,000/s: 300 ms more.
            TimingAttempts.Within(broken, "long prompt TTFT (ms)", longTtft, 320 - 10, 320 + ToleranceMs);
            return broken;
        });
    }

    [Fact]
    public async Task Decode_GapBetweenTokensGrowsWithTheBatch()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            TimeToFirstTokenMs = new(0, 0),
            InterTokenLatencyMs = new(10, 0),
            Capacity = new ServingCapacity { MaxBatch = 4, InterTokenLatencyAtMaxBatchMs = 40 },
        });
        using var client = new SimulatorClient(server);
        await WarmUpAsync(client);

        await TimingAttempts.AssertOneSucceedsAsync(async () =>
        {
            var alone = await MeanGapMsAsync(client, 20);
            var inFullBatch = (await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => MeanGapMsAsync(client, 20)))).Average();
            var broken = new List<string>();
            TimingAttempts.Within(broken, "mean gap alone (ms)", alone, 9, 13);
            // All four run together from start to end, so every gap is drawn at a batch of four.
            TimingAttempts.Within(broken, "mean gap in a full batch of 4 (ms)", inFullBatch, 38, 46);
            return broken;
        });
    }

    [Theory]
    [InlineData("v1/chat/completions", 429)]
    [InlineData("v1/chat/completions", 503)]
    [InlineData("v1/messages", 529)]
    public async Task FullQueue_RefusesTheOverflowWithTheProfilesStatusInTheProvidersEnvelope(string path, int status)
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            TimeToFirstTokenMs = new(300, 0),
            InterTokenLatencyMs = new(0, 0),
            Capacity = new ServingCapacity { MaxBatch = 1, MaxQueue = 1, QueueFullStatus = status },
        });
        using var openAi = new SimulatorClient(server);
        using var anthropic = new MessagesClient(server);
        Task<HttpResponseMessage> Post(string prompt) => path == MessagesClient.Path
            ? anthropic.PostAsync(MessagesClient.Body(1, stream: false, prompt))
            : openAi.PostAsync(Body(1, prompt));

        (await Post("warm-up")).Dispose();

        // One runs (300 ms), one waits, and the queue (bound 1) is full for the third, whatever order they arrive in.
        // A busy machine can only spread the three out (then all are served); one attempt sent together shows the rule.
        HttpResponseMessage? refused = null;
        await TimingAttempts.AssertOneSucceedsAsync(async () =>
        {
            var responses = await Task.WhenAll(Post("one"), Post("two"), Post("three"));
            var statuses = responses.Select(r => (int)r.StatusCode).Order().ToList();
            refused = responses.SingleOrDefault(r => (int)r.StatusCode == status);
            foreach (var response in responses.Where(r => r != refused))
            {
                response.Dispose();
            }

            return statuses.SequenceEqual([200, 200, status]) ? [] : [$"statuses were {string.Join(", ", statuses)}, expected 200, 200, {status}"];
        });
        using var refusal = refused!;
        var error = JsonDocument.Parse(await refusal.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        var expectedType = (path, status) switch
        {
            (_, 429) => "requests",
            ("v1/messages", _) => "overloaded_error",
            _ => "service_unavailable_error",
        };
        Assert.Equal(expectedType, error.GetProperty("type").GetString());
        if (status == 429)
        {
            Assert.Equal("1", SimulatorClient.Header(refusal, "retry-after"));
        }
    }

    [Fact]
    public async Task KvCache_RequestThatCanNeverFitIsRefused_RequestsThatDoNotFitTogetherTakeTurns()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            TimeToFirstTokenMs = new(100, 0),
            InterTokenLatencyMs = new(0, 0),
            Capacity = new ServingCapacity { KvCacheTokens = 100 },
        });
        using var client = new SimulatorClient(server);

        using var tooLarge = await client.PostAsync(Body(200, "hi"));
        Assert.Equal(400, (int)tooLarge.StatusCode);
        var error = JsonDocument.Parse(await tooLarge.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("context_length_exceeded", error.GetProperty("code").GetString());

        // 1 prompt + 60 output tokens each: two do not fit in 100 tokens at once, so the second waits for the first.
        await WarmUpAsync(client);
        await TimingAttempts.AssertOneSucceedsAsync(async () =>
        {
            var started = Stopwatch.GetTimestamp();
            var both = (await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
            {
                using var response = await client.PostAsync(Body(60, "hi"));
                Assert.Equal(200, (int)response.StatusCode);
                await response.Content.ReadAsStringAsync();
                return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }))).Order().ToArray();
            var broken = new List<string>();
            TimingAttempts.Within(broken, "first completion (ms)", both[0], 100 - 5, 100 + 100);
            TimingAttempts.Within(broken, "second completion (ms)", both[1], 200 - 5, 200 + 150);
            return broken;
        });
    }

    private static string Body(int maxTokens, string prompt, bool stream = false)
        => SimulatorClient.ChatBody(new { model = "m", max_tokens = maxTokens, stream, messages = new[] { new { role = "user", content = prompt } } });

    private static async Task WarmUpAsync(SimulatorClient client) => await FirstTokenMsAsync(client, 2);

    private static async Task<double> FirstTokenMsAsync(SimulatorClient client, int maxTokens, string prompt = "hi")
    {
        var (response, events) = await client.StreamAsync(Body(maxTokens, prompt, stream: true));
        response.Dispose();
        return events.First(e => e.Data.Contains("\"content\":\"", StringComparison.Ordinal) && !e.Data.Contains("\"content\":\"\"", StringComparison.Ordinal)).At.TotalMilliseconds;
    }

    private static async Task<double> MeanGapMsAsync(SimulatorClient client, int maxTokens)
    {
        var (response, events) = await client.StreamAsync(Body(maxTokens, "hi", stream: true));
        response.Dispose();
        var content = events.Where(e => e.Data.Contains("\"delta\":{\"content\":\"", StringComparison.Ordinal)).ToList();
        return (content[^1].At - content[0].At).TotalMilliseconds / (content.Count - 1);
    }
}
