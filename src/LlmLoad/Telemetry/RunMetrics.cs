using System.Diagnostics.Metrics;
using LlmLoad.Engine;
using LlmLoad.Recording;

namespace LlmLoad.Telemetry;

/// <summary>
/// The instruments of a run's live metrics, named after OpenTelemetry's GenAI semantic conventions
/// (v1.41: gen_ai.client.*) where they define one and <c>llmload.*</c> where they do not. Only figures and
/// bounded labels are recorded: never a key, a prompt, a response or a URL's path, query or credentials.
/// </summary>
internal sealed class RunMetrics : IDisposable
{
    public const string MeterName = "llmload";

    // The boundaries the conventions advise for gen_ai.client.operation.duration and time_to_first_chunk.
    private static readonly double[] DurationBuckets = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];

    // Finer than the conventions' per-chunk boundaries (10 ms, 25 ms, ...): a served ITL of 15-40 ms would land in two buckets.
    private static readonly double[] GapBuckets = [0.001, 0.0025, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.025, 0.03, 0.04, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 1, 2.5];

    private static readonly double[] LagBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

    private static readonly int[] TokenBuckets = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];

    private readonly Meter _meter = new(MeterName, typeof(RunMetrics).Assembly.GetName().Version?.ToString(3));
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _timeToFirstChunk;
    private readonly Histogram<double> _timePerChunk;
    private readonly Histogram<double> _interTokenLatency;
    private readonly Histogram<double> _scheduleLag;
    private readonly Histogram<int> _tokens;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _dropped;
    private readonly Counter<double> _cost;
    private volatile LiveCounters? _counters;

    public RunMetrics()
    {
        _duration = Seconds("gen_ai.client.operation.duration", "GenAI operation duration: send to the response's end (llmload's E2E)", DurationBuckets);
        _timeToFirstChunk = Seconds("gen_ai.client.operation.time_to_first_chunk", "Send to the first content chunk of a streamed response (llmload's TTFT)", DurationBuckets);
        _timePerChunk = Seconds("gen_ai.client.operation.time_per_output_chunk", "Gap between consecutive content chunks of a streamed response (llmload's chunk gap)", GapBuckets);
        _interTokenLatency = Seconds("llmload.client.inter_token_latency", "Inter-token latency: each chunk's gap shared among the tokens it carried (llmload's ITL)", GapBuckets);
        _scheduleLag = Seconds("llmload.client.schedule_lag", "How late llmload sent each request after its scheduled time (the client's own delay)", LagBuckets);
        _tokens = _meter.CreateHistogram("gen_ai.client.token.usage", "{token}", "Input and output tokens per request (the server's count when it reports one)",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = TokenBuckets });
        _requests = _meter.CreateCounter<long>("llmload.client.requests", "{request}", "Finished measured requests; error.type says why one failed");
        _dropped = _meter.CreateCounter<long>("llmload.client.dropped", "{request}", "Open-loop arrivals never sent because the concurrency cap was full");
        _cost = _meter.CreateCounter<double>("llmload.client.cost.usd", "{USD}", "What the finished requests cost, warm-up included, in US dollars");
        _meter.CreateObservableGauge("llmload.client.in_flight", () => _counters?.InFlight ?? 0, "{request}", "Requests sent and not yet finished");
    }

    public string Name => _meter.Name;

    /// <summary>The run whose requests in flight the gauge reads: find-limit's steps are runs one after another.</summary>
    public void Watch(LiveCounters counters) => _counters = counters;

    public void Record(RequestMeasurement measurement, RequestLabels labels)
    {
        var record = measurement.Record;
        if (record.CostUsd is { } cost)
        {
            _cost.Add((double)cost, labels.Common);
        }

        if (record.Warmup)
        {
            // As in summary.json: warm-up requests are paid for, never measured.
            return;
        }

        var tags = labels.For(record);
        _requests.Add(1, tags);
        if (record.E2eMs is { } e2e)
        {
            _duration.Record(e2e / 1000, tags);
        }

        if (record.TtftMs is { } ttft)
        {
            _timeToFirstChunk.Record(ttft / 1000, tags);
        }

        foreach (var gap in measurement.ChunkGapsMs)
        {
            _timePerChunk.Record(gap / 1000, tags);
        }

        foreach (var latency in measurement.TokenLatenciesMs)
        {
            _interTokenLatency.Record(latency / 1000, tags);
        }

        _scheduleLag.Record(Math.Max(0, record.ScheduleLagMs) / 1000, tags);
        if (record.InputTokens is { } input)
        {
            _tokens.Record(input, RequestLabels.Tokens(tags, "input"));
        }

        if (record.OutputTokens is { } output && record.Succeeded)
        {
            _tokens.Record(output, RequestLabels.Tokens(tags, "output"));
        }
    }

    public void Dropped(RequestLabels labels) => _dropped.Add(1, labels.Common);

    /// <summary>A run starts: its drop counter is served as 0 from the first scrape, so a dashboard's rate() has a series before the first drop.</summary>
    public void Begin(RequestLabels labels) => _dropped.Add(0, labels.Common);

    public void Dispose() => _meter.Dispose();

    private Histogram<double> Seconds(string name, string description, double[] buckets)
        => _meter.CreateHistogram(name, "s", description, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = buckets });
}
