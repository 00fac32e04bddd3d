using LlmLoad.Simulator;
using LlmLoad.Simulator.Faults;
using LlmLoad.Simulator.Tests.TestSupport;
using LlmLoad.Tests.Support;

namespace LlmLoad.Tests.Faults;

/// <summary>A scripted outage, as llmload's own results show it: errors in one block exactly as long as the window, none outside.</summary>
[Collection(TimingSensitive.Name)]
public sealed class OutageWindowRunTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Run_ThroughAnOutageWindow_FailsExactlyTheRequestsSentInsideIt()
    {
        // A stalled client process (the 2-core CI machine runs two test assemblies at once) catches up by
        // sending its late requests together, which can pack more than a second's worth into the window;
        // one attempt at the steady rate shows the window is right.
        await TimingAttempts.AssertOneSucceedsAsync(async () =>
        {
            var broken = new List<string>();
            // The window opens 4 s after the server starts, well after llmload has started sending, and lasts 1 s.
            await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions
            {
                TimeToFirstTokenMs = new(5, 0),
                InterTokenLatencyMs = new(1, 0),
                Faults = [new FaultRule(FaultKind.Status503, from: TimeSpan.FromSeconds(4), until: TimeSpan.FromSeconds(5))],
            });
            using var results = new ResultsDirectory();

            var (exit, stdout, stderr) = await CliProcess.RunAsync(
                ["run", "--url", simulator.BaseAddress + "v1", "--model", "sim", "--rate", "40", "--arrival", "constant", "--duration", "8s",
                 "--concurrency", "100", "--input-tokens", "16", "--output-tokens", "4", "--out", results.Path],
                Limit);

            Assert.True(exit == 0, stderr + stdout);
            var bySent = results.Requests().OrderBy(r => r.GetProperty("sent_ms").GetDouble())
                .Select(r => (Sent: r.GetProperty("sent_ms").GetDouble(), Failed: r.GetProperty("status").GetInt32() == 503)).ToList();
            var failed = bySent.Where(r => r.Failed).ToList();
            Assert.NotEmpty(failed);
            // One unbroken block: every request sent between the first and the last failure failed...
            var first = bySent.FindIndex(r => r.Failed);
            var last = bySent.FindLastIndex(r => r.Failed);
            Assert.All(bySent[first..(last + 1)], r => Assert.True(r.Failed));
            // ...with successes before and after it, and every failure classed as the overload the body says it is...
            Assert.True(first > 0 && last < bySent.Count - 1);
            Assert.Equal(failed.Count, results.Summary().GetProperty("errors").GetProperty("overloaded").GetInt32());
            // ...and the block is as long as the window (40 requests a second for 1 s, one request's slack at each edge).
            TimingAttempts.Within(broken, "failed requests", failed.Count, 38, 42);
            TimingAttempts.Within(broken, "failed block (ms)", failed[^1].Sent - failed[0].Sent, 900, 1050);
            return broken;
        });
    }
}
