using BenchmarkDotNet.Attributes;
using LlmLoad.Analysis.Server;

namespace LlmLoad.MicroBench;

/// <summary>
/// What one --server-metrics scrape costs the client once the body has arrived: parsing the exposition, reading the
/// known series, detecting the flavour and logging every sample to server-metrics.jsonl, as the scraper does. The body
/// is the simulator's own /metrics (vLLM names plus the DCGM-like GPU, 14 KB) captured during a run.
/// Run: dotnet run -c Release --project bench/LlmLoad.MicroBench -- --filter '*Scrape*'
/// </summary>
[MemoryDiagnoser]
public class ScrapeBenchmarks
{
    private string _text = null!;
    private string _directory = null!;
    private ServerMetricsLog _log = null!;
    private readonly Uri _url = new("http://127.0.0.1:8000/metrics");

    [GlobalSetup]
    public void Setup()
    {
        _text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "simulator-metrics.prom"));
        _directory = Directory.CreateTempSubdirectory("llmload-scrape-bench-").FullName;
        _log = new ServerMetricsLog(_directory);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _log.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public int Scrape()
    {
        var families = ExpositionParser.Parse(_text);
        var reading = ServerReading.From(families, 1000);
        var flavours = ServerFlavours.Detect(families);
        _log.Scraped(1000, _url, families);
        return families.Count + flavours.Count + (reading is null ? 0 : 1);
    }
}
