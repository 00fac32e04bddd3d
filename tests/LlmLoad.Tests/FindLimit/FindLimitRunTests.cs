using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlmLoad.Simulator.Tests.TestSupport;
using LlmLoad.Tests.Support;

namespace LlmLoad.Tests.FindLimit;

/// <summary>llmload find-limit against a simulator whose capacity is known by arithmetic.</summary>
[Collection(TimingSensitive.Name)]
public sealed class FindLimitRunTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task FindLimit_SimulatorWithEightSlots_ReportsKneeAndSaturationWithinTenPercentOfItsCapacity()
    {
        // Eight slots; each request holds one for TTFT 50 ms + 19 more tokens x 10 ms = 240 ms (no jitter, no
        // prefill time, and the gap between tokens stays 10 ms whatever the batch). Capacity = 8 / 0.24 s =
        // 33.3 req/s. Constant arrivals below it never queue; above it the queue grows by (rate - 33.3) a second.
        // The search runs 10, 20, 40 (saturated: 33 of 40 achieved), then bisects 30, 35, 32.5, ... : about
        // seven steps of 4 s, each followed by at most 1 s of grace. Each step's first second is a warm-up, which
        // keeps the client process's own start-up (JIT) out of the first step's TTFT.
        // The simulator runs in its own process, as a real server would: inside the test host it would share a
        // thread pool that earlier tests may have left busy, and its pacing would show that, not the load.
        // Each attempt is a whole search (about 40 s); a machine busy with the other test assembly can fail a
        // step that should pass (a client pause followed by a burst looks like a queue), so one clean attempt of
        // up to three shows the search finds the capacity.
        await TimingAttempts.AssertOneSucceedsAsync(async () =>
        {
            const double capacity = 8 / 0.24;
            using var simulator = CliProcess.Start(["simulate", "--port", "0", "--ttft-ms", "50", "--itl-ms", "10", "--max-batch", "8"]);
            var address = (await simulator.FirstLineAsync(TimeSpan.FromSeconds(30)))["listening on ".Length..];
            using var results = new ResultsDirectory();
            await WarmUpAsync(new Uri(address + "/"));

            var (exit, stdout, stderr) = await CliProcess.RunAsync(
                ["find-limit", "--url", address + "/v1", "--model", "sim", "--start", "10", "--step-duration", "4s", "--grace", "1s", "--warmup", "1s",
                 "--max-time", "50s", "--arrival", "constant", "--input-tokens", "16", "--output-tokens", "20", "--slo", "ttft.p95<400ms", "--out", results.Path],
                Limit);

            var broken = new List<string>();
            if (exit != 0)
            {
                // A pause of the shared machine in a step can fail it; the search then reports what it saw.
                return [$"exit {exit}: {stderr}{stdout}"];
            }

            var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(results.Path, "find-limit.json"))).RootElement;
            Assert.Equal("llmload.find-limit/v1", json.GetProperty("schema").GetString());
            Assert.Equal("knee_found", json.GetProperty("outcome").GetString());
            var knee = json.GetProperty("knee");
            var saturation = json.GetProperty("saturation");
            TimingAttempts.Within(broken, "knee (req/s)", knee.GetProperty("load").GetDouble(), capacity * 0.9, capacity * 1.1);
            TimingAttempts.Within(broken, "saturation (req/s)", saturation.GetProperty("load").GetDouble(), capacity * 0.9, capacity * 1.1);
            TimingAttempts.Within(broken, "first saturated load (req/s)", saturation.GetProperty("failing_load").GetDouble(), capacity, capacity * 1.2);
            // Little's law at the knee: ~33 req/s x ~0.25 s = ~8, the slots.
            TimingAttempts.Within(broken, "concurrency needed at the knee", knee.GetProperty("concurrency_needed").GetDouble(), 6, 11);

            var curve = json.GetProperty("curve").EnumerateArray().ToList();
            Assert.Equal(curve.Select(s => s.GetProperty("load").GetDouble()).Order(), curve.Select(s => s.GetProperty("load").GetDouble()));
            foreach (var step in curve)
            {
                var (load, verdict) = (step.GetProperty("load").GetDouble(), step.GetProperty("verdict").GetString());
                if ((load <= 30 && verdict != "ok") || (load >= 40 && verdict != "saturated"))
                {
                    broken.Add($"step at {load} req/s was {verdict}");
                }
            }

            Assert.All(curve, s => Assert.True(File.Exists(Path.Combine(results.Path, s.GetProperty("dir").GetString()!, "summary.json"))));
            Assert.Contains("knee:", stdout, StringComparison.Ordinal);
            Assert.Contains("throughput stops growing at ~", stdout, StringComparison.Ordinal);
            // The simulator's own /metrics is scraped: the scaling line names where its queue stopped draining.
            var scaling = Regex.Replace(stdout, @"\s+", " ");
            Assert.Contains("scaling: ", scaling, StringComparison.Ordinal);
            if (!Regex.IsMatch(scaling, @"queue grows without bound from (3\d|4\d)(\.\d+)? req/s \(step \d+, achieved "))
            {
                broken.Add("scaling line without the queue's trigger near capacity: " + scaling[scaling.IndexOf("scaling: ", StringComparison.Ordinal)..]);
            }

            return broken;
        });
    }

    /// <summary>A cold server (JIT) would queue the first requests behind its own start-up, not behind the load.</summary>
    private static async Task WarmUpAsync(Uri simulator)
    {
        using var http = new HttpClient { BaseAddress = simulator, Timeout = TimeSpan.FromSeconds(30) };
        for (var i = 0; i < 3; i++)
        {
            using var response = await http.PostAsJsonAsync("v1/chat/completions", new { model = "m", stream = true, max_tokens = 2, messages = new[] { new { role = "user", content = "hi" } } });
            await response.Content.ReadAsStringAsync();
        }
    }
}
