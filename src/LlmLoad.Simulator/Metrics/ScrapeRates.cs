using System.Diagnostics;

namespace LlmLoad.Simulator.Metrics;

/// <summary>
/// Prompt and generated tokens per second since the previous scrape: SGLang's gen_throughput and llama.cpp's
/// *_tokens_seconds are such recent rates, not run averages (llama.cpp's empties at every /metrics read).
/// </summary>
internal sealed class ScrapeRates
{
    private readonly object _gate = new();
    private long _lastTimestamp = Stopwatch.GetTimestamp();
    private long _lastPrompt;
    private long _lastGeneration;

    public (double Prompt, double Generation) Since(long promptTotal, long generationTotal)
    {
        lock (_gate)
        {
            var now = Stopwatch.GetTimestamp();
            var seconds = Stopwatch.GetElapsedTime(_lastTimestamp, now).TotalSeconds;
            var rates = seconds > 0 ? ((promptTotal - _lastPrompt) / seconds, (generationTotal - _lastGeneration) / seconds) : (0, 0);
            _lastTimestamp = now;
            _lastPrompt = promptTotal;
            _lastGeneration = generationTotal;
            return rates;
        }
    }
}
