using LlmLoad.Engine;
using LlmLoad.Pricing;
using LlmLoad.Providers;
using LlmLoad.Recording;
using LlmLoad.Workload;
using Microsoft.Extensions.Time.Testing;

namespace LlmLoad.Tests.Recording;

public sealed class RunRecorderTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public async Task CompleteAsync_EverySink_SeesEachRecordInCompletionOrder_ThenDroppedArrivals_ThenComplete()
    {
        var first = new ListSink("first");
        var second = new ListSink("second");
        var recorder = new RunRecorder([first, second], TokenCounter.Default, _clock, _clock.GetTimestamp());

        recorder.Finished(Scheduled(1, ms: 0), Capture(sentMs: 0, endMs: 50));
        recorder.Finished(Scheduled(2, ms: 10), Capture(sentMs: 10, endMs: 30));
        recorder.Dropped(Scheduled(3, ms: 20));
        await recorder.CompleteAsync();

        foreach (var sink in new[] { first, second })
        {
            Assert.Equal(["record 1 at 50 ms", "record 2 at 30 ms", "dropped at 20 ms", "complete"], sink.Events.Where(e => e != "idle"));
            Assert.Contains("idle", sink.Events);
        }
    }

    [Fact]
    public async Task Finished_PricedRun_EachRecordCarriesItsCost()
    {
        var sink = new ListSink("priced");
        var price = new ModelPrice("m", 1_000_000m, 1_000_000m, 2_000_000m, "test", null);
        var recorder = new RunRecorder([sink], TokenCounter.Default, _clock, _clock.GetTimestamp(), price);
        var capture = Capture(sentMs: 0, endMs: 10);
        capture.UsageInputTokens = 3;
        capture.UsageOutputTokens = 2;

        recorder.Finished(Scheduled(1, ms: 0), capture);
        await recorder.CompleteAsync();

        // 3 input tokens at $1 each per token, 2 output tokens at $2: the sink sees the priced record.
        Assert.Equal(7m, Assert.Single(sink.Records).Record.CostUsd);
    }

    private ScheduledRequest Scheduled(long seq, double ms)
        => new(seq, false, At(ms), new PreparedRequest(new PromptPlan("p", 12, 4), []));

    private ResponseCapture Capture(double sentMs, double endMs)
        => new() { SentAt = At(sentMs), HeadersAt = At(sentMs + 1), EndAt = At(endMs), Status = 200 };

    private long At(double ms) => _clock.GetTimestamp() + (long)(ms * _clock.TimestampFrequency / 1000);

    private sealed class ListSink(string name) : IRequestSink
    {
        public List<string> Events { get; } = [];

        public List<RequestMeasurement> Records { get; } = [];

        public string Name => name;

        public void OnRecord(RequestMeasurement measurement)
        {
            Records.Add(measurement);
            Events.Add($"record {measurement.Record.Seq} at {measurement.CompletedMs:0} ms");
        }

        public void OnDropped(DroppedArrival arrival) => Events.Add($"dropped at {arrival.ScheduledMs:0} ms");

        public void OnIdle() => Events.Add("idle");

        public void Complete() => Events.Add("complete");
    }
}
