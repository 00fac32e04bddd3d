using BenchmarkDotNet.Attributes;
using LlmLoad.Recording;
using LlmLoad.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace LlmLoad.MicroBench;

/// <summary>
/// What --prometheus-port / --otlp cost per finished request on the recorder's thread: one streamed response of
/// 64 tokens in 64 chunks fed to the live instruments (E2E, TTFT, 63 chunk gaps, 63 ITL samples, schedule lag,
/// tokens, the request counter), with the OpenTelemetry SDK aggregating as it does in a run.
/// Run: dotnet run -c Release --project bench/LlmLoad.MicroBench -- --filter '*LiveMetrics*'
/// </summary>
[MemoryDiagnoser]
public class LiveMetricsBenchmarks
{
    private const int Tokens = 64;
    private RunMetrics _metrics = null!;
    private MeterProvider _provider = null!;
    private RequestLabels _labels = null!;
    private RequestMeasurement _measurement = null!;

    /// <summary>A request of a mix (with its category label) or of a plain run.</summary>
    [Params(false, true)]
    public bool WithCategory { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _metrics = new RunMetrics();
        // A reader that never exports within the benchmark: the cost measured is the aggregation on each record.
        _provider = Sdk.CreateMeterProviderBuilder().AddMeter(_metrics.Name)
            .AddReader(new PeriodicExportingMetricReader(new NothingExporter(), exportIntervalMilliseconds: int.MaxValue)).Build();
        _labels = new RequestLabels("openai", "llmload-sim", new Uri("http://127.0.0.1:8000/v1"));
        var record = new RequestRecord
        {
            Seq = 1, Warmup = false, ScheduledMs = 10, SentMs = 10.2, TtftMs = 200, E2eMs = 1460, Chunks = Tokens, InputTokens = 256, OutputTokens = Tokens,
            TokenSource = "usage", MaxTokens = Tokens, InputTokensTokenizer = 256, Status = 200, Category = WithCategory ? "long_in_short_out" : null,
        };
        var gaps = Enumerable.Range(0, Tokens - 1).Select(i => 20.0 + (i % 5)).ToArray();
        _measurement = new RequestMeasurement(record, gaps, gaps);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _provider.Dispose();
        _metrics.Dispose();
    }

    [Benchmark]
    public void RecordOneStreamedRequest() => _metrics.Record(_measurement, _labels);

    private sealed class NothingExporter : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch) => ExportResult.Success;
    }
}
