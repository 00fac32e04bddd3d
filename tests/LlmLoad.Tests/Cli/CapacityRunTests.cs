using System.Net.Http.Json;
using LlmLoad.Simulator;
using LlmLoad.Simulator.Serving;
using LlmLoad.Tests.Support;

namespace LlmLoad.Tests.Cli;

/// <summary>llmload against a simulator driven past its capacity: what the user must see in llmload's own results.</summary>
[Collection(TimingSensitive.Name)]
public sealed class CapacityRunTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Run_PastCapacity_ThroughputSaturatesAndTtftGrowsWithTheQueue()
    {
        // Two slots, each request holds one for 20 + 9 x 10 = 110 ms: capacity is 2 / 0.11 = 18.2 req/s.
        // Offered 36 req/s, the queue grows by ~18 a second, so the n-th request waits about
        // n x (1/18.2 - 1/36) = 27 ms x n: the 60th about 1.6 s.
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            TimeToFirstTokenMs = new(20, 0),
            InterTokenLatencyMs = new(10, 0),
            Capacity = new ServingCapacity { MaxBatch = 2 },
        });
        using var results = new ResultsDirectory();
        await WarmUpAsync(simulator);

        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["run", "--url", simulator.BaseAddress + "v1", "--model", "sim", "--rate", "36", "--arrival", "constant", "--requests", "60",
             "--concurrency", "200", "--input-tokens", "16", "--output-tokens", "10", "--out", results.Path],
            Limit);

        Assert.True(exit == 0, stderr + stdout);
        var bySeq = results.Requests().OrderBy(r => r.GetProperty("seq").GetInt32()).Select(r => r.GetProperty("ttft_ms").GetDouble()).ToList();
        // Throughput saturates at the capacity: once the queue is never empty, one completion every ~55 ms
        // (a little more on a busy machine, where each hand-over between requests costs scheduling time).
        // Both figures are medians over sliding spans of ten requests in the second half, so that one pause
        // of the shared machine (a collection, another test) shifts the line without bending the figures.
        var ends = results.Requests().Select(r => r.GetProperty("sent_ms").GetDouble() + r.GetProperty("e2e_ms").GetDouble()).Order().ToList();
        var served = 1000 / Median(Enumerable.Range(20, 30).Select(i => (ends[i + 10] - ends[i]) / 10));
        Assert.InRange(served, 13.5, 20);

        // TTFT grows as the queue does: by (1/served - 1/offered) per request. The first requests also carry
        // the fresh client process's start-up (its sends come in a burst), which shifts the line, not its slope.
        var slope = Median(Enumerable.Range(20, 30).Select(i => (bySeq[i + 10] - bySeq[i]) / 10));
        var expected = (1000 / served) - (1000 / 36.0);
        Assert.True(Math.Abs(slope - expected) < 0.3 * expected, $"TTFT grew {slope:F1} ms per request, expected {expected:F1}; TTFT by request: " + string.Join(", ", bySeq.Select(t => t.ToString("F0", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(0, results.Summary().GetProperty("requests").GetProperty("failed").GetInt32());
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    /// <summary>A cold server (JIT) would queue the first requests behind its own start-up, not behind the load.</summary>
    private static async Task WarmUpAsync(SimulatorServer simulator)
    {
        using var http = new HttpClient { BaseAddress = simulator.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        for (var i = 0; i < 3; i++)
        {
            using var response = await http.PostAsJsonAsync("v1/chat/completions", new { model = "m", stream = true, max_tokens = 2, messages = new[] { new { role = "user", content = "hi" } } });
            await response.Content.ReadAsStringAsync();
        }
    }
}
