using System.Globalization;
using LlmLoad.Analysis.Server;

namespace LlmLoad.Analysis.Stability;

/// <summary>
/// What the scraped server showed in a hold's first and last tenth, to name a cause beside a drift: GPU temperature
/// (DCGM_FI_DEV_GPU_TEMP, the hottest GPU of each scrape), GPUs reporting clock-throttle reasons
/// (DCGM_FI_DEV_CLOCK_THROTTLE_REASONS or its successor CLOCKS_EVENT_REASONS, idle bit aside) and the queue.
/// Each is null when no scrape in that tenth had it.
/// </summary>
internal sealed record HoldServerView(
    double? FirstTemperatureC,
    double? LastTemperatureC,
    double? FirstThrottled,
    double? LastThrottled,
    double? FirstWaiting,
    double? LastWaiting)
{
    /// <summary>A rise this large over a hold is heating, not a sensor's wobble.</summary>
    public const double TemperatureRiseC = 5;

    public static HoldServerView Of(ServerMetricsResult server, Hold hold)
    {
        var firstEnd = hold.StartMs + hold.TenthMs;
        var lastStart = hold.EndMs - hold.TenthMs;
        return new HoldServerView(
            Mean(server, ServerQuantity.GpuTemperature, hold.StartMs, firstEnd, Enumerable.Max),
            Mean(server, ServerQuantity.GpuTemperature, lastStart, hold.EndMs, Enumerable.Max),
            Max(server, ServerQuantity.GpusThrottled, hold.StartMs, firstEnd),
            Max(server, ServerQuantity.GpusThrottled, lastStart, hold.EndMs),
            Mean(server, ServerQuantity.Waiting, hold.StartMs, firstEnd, Enumerable.Sum),
            Mean(server, ServerQuantity.Waiting, lastStart, hold.EndMs, Enumerable.Sum));
    }

    public bool Heated => FirstTemperatureC is { } first && LastTemperatureC is { } last && last - first >= TemperatureRiseC;

    public bool Throttled => LastThrottled is > 0;

    public bool HasGpu => FirstTemperatureC is not null || LastTemperatureC is not null || FirstThrottled is not null || LastThrottled is not null;

    /// <summary>The sentence for the drift warning: the GPU figures and, when they point to one, the likely cause.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (FirstTemperatureC is { } t1 && LastTemperatureC is { } t2)
        {
            parts.Add(Heated ? Text($"GPU temperature rose from {t1:0} °C to {t2:0} °C")
                : Math.Round(t1) == Math.Round(t2) ? Text($"GPU temperature held at {t1:0} °C")
                : Text($"GPU temperature held at {Math.Min(t1, t2):0}–{Math.Max(t1, t2):0} °C (first tenth {t1:0}, last {t2:0})"));
        }

        if (LastThrottled is { } throttled)
        {
            parts.Add(throttled > 0
                ? Text($"{throttled:0} GPU(s) reported clock-throttle reasons in the last tenth ({FirstThrottled ?? 0:0} in the first)")
                : "no GPU reported clock-throttle reasons");
        }

        if (FirstWaiting is { } w1 && LastWaiting is { } w2)
        {
            parts.Add(Text($"the server's queue held {w1:0.#} waiting in the first tenth and {w2:0.#} in the last"));
        }

        if (!HasGpu)
        {
            parts.Add("no GPU metrics were scraped to tell heat from load (give --server-metrics the URL of a DCGM exporter for temperature and clock-throttle reasons)");
        }

        var text = string.Join("; ", parts);
        return Heated || Throttled ? text + ": the GPUs heating or throttling is the likely cause (check cooling and power limits)"
            : LastWaiting > FirstWaiting + 1 ? text + ": the queue grew, so the load is above what the server sustains"
            : text;
    }

    private static double? Mean(ServerMetricsResult server, ServerQuantity quantity, double startMs, double endMs, Func<IEnumerable<double>, double> acrossEndpoints)
    {
        var means = server.Endpoints
            .Select(e => e.Readings.Where(r => r.AtMs >= startMs && r.AtMs < endMs).Select(r => r[quantity]).OfType<double>().ToList())
            .Where(v => v.Count > 0)
            .Select(v => v.Average())
            .ToList();
        return means.Count == 0 ? null : acrossEndpoints(means);
    }

    private static double? Max(ServerMetricsResult server, ServerQuantity quantity, double startMs, double endMs)
    {
        var values = server.Endpoints.SelectMany(e => e.Readings).Where(r => r.AtMs >= startMs && r.AtMs < endMs).Select(r => r[quantity]).OfType<double>().ToList();
        return values.Count == 0 ? null : values.Max();
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
