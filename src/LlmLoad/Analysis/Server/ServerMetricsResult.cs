namespace LlmLoad.Analysis.Server;

/// <summary>
/// Every endpoint's readings over a run, and the figures made from them: per window (aligned with the client's
/// time series), per quantity over the run, and the queue time the server measured. Immutable once the run is over.
/// </summary>
internal sealed class ServerMetricsResult(IReadOnlyList<ServerEndpoint> endpoints, TimeSpan interval)
{
    public IReadOnlyList<ServerEndpoint> Endpoints { get; } = endpoints;

    public TimeSpan Interval { get; } = interval;

    /// <summary>The readings of all endpoints that answered at least once.</summary>
    public bool HasReadings => Endpoints.Any(e => e.Readings.Count > 0);

    /// <summary>The figures of the window [<paramref name="startSeconds"/>, <paramref name="endSeconds"/>), combined over endpoints.</summary>
    public ServerWindow Window(double startSeconds, double endSeconds)
    {
        var startMs = startSeconds * 1000;
        var endMs = endSeconds * 1000;
        var inside = Endpoints.Select(e => e.Readings.Where(r => r.AtMs >= startMs && r.AtMs < endMs).ToList()).ToList();
        var queue = Sum(Endpoints.Select(e => Growth(e.Readings, startMs, endMs)));
        return new ServerWindow(
            Gauge(inside, ServerQuantity.Running, Enumerable.Sum),
            Gauge(inside, ServerQuantity.Waiting, Enumerable.Sum),
            Gauge(inside, ServerQuantity.KvCacheUsage, Enumerable.Max),
            queue?.Quantile(0.5) * 1000,
            queue?.Quantile(0.95) * 1000,
            CounterGrowth(ServerQuantity.Preemptions, startMs, endMs),
            Gauge(inside, ServerQuantity.GpuUtilization, Enumerable.Average),
            Gauge(inside, ServerQuantity.GpuMemoryUsed, Enumerable.Sum),
            Gauge(inside, ServerQuantity.GpuPower, Enumerable.Sum));
    }

    /// <summary>Min, mean and max of a quantity over every reading that has it, per reading combined over endpoints by time order.</summary>
    public SeriesStats? Stats(ServerQuantity quantity)
        => SeriesStats.Of([.. Endpoints.SelectMany(e => e.Readings).Select(r => r[quantity]).OfType<double>()]);

    /// <summary>A counter's growth over the run, summed over endpoints and counted across restarts; null when no endpoint has it.</summary>
    public double? Increase(ServerQuantity counter) => CounterGrowth(counter, double.MinValue, double.MaxValue);

    /// <summary>A counter's growth over the window [<paramref name="startSeconds"/>, <paramref name="endSeconds"/>), summed over endpoints; null when no endpoint has it.</summary>
    public double? IncreaseBetween(ServerQuantity counter, double startSeconds, double endSeconds) => CounterGrowth(counter, startSeconds * 1000, endSeconds * 1000);

    /// <summary>The quantities some endpoint reported, in the enum's order.</summary>
    public IEnumerable<ServerQuantity> Quantities
        => Enum.GetValues<ServerQuantity>().Where(q => Endpoints.Any(e => e.Readings.Any(r => r[q] is not null)));

    /// <summary>Mean requests in the running batch over the run, summed over endpoints: the batch size continuous batching achieved.</summary>
    public double? MeanRunning
    {
        get
        {
            var means = Endpoints.Select(e => e.Readings.Select(r => r[ServerQuantity.Running]).OfType<double>().ToList()).Where(v => v.Count > 0).Select(v => v.Average()).ToList();
            return means.Count == 0 ? null : means.Sum();
        }
    }

    /// <summary>The queue-time histogram of everything the server finished during the run (its growth from the first scrape to the last).</summary>
    public HistogramSnapshot? QueueTime => Sum(Endpoints.Select(e => Growth(e.Readings, double.MinValue, double.MaxValue)));

    /// <summary>
    /// A histogram's growth from the last reading before <paramref name="startMs"/> (or the first reading, when the
    /// window starts before any) to the last reading before <paramref name="endMs"/>, added up scrape by scrape so
    /// that across a restart (a count that went down) what came before it and what came after it both count.
    /// </summary>
    private static HistogramSnapshot? Growth(IReadOnlyList<ServerReading> readings, double startMs, double endMs)
    {
        var withHistogram = readings.Where(r => r.QueueTime is not null).ToList();
        var before = withHistogram.LastOrDefault(r => r.AtMs < startMs) ?? withHistogram.FirstOrDefault();
        if (before is null)
        {
            return null;
        }

        HistogramSnapshot? total = null;
        var previous = before.QueueTime!;
        foreach (var reading in withHistogram.Where(r => r.AtMs > before.AtMs && r.AtMs < endMs))
        {
            total = Sum([total, reading.QueueTime!.Since(previous)]);
            previous = reading.QueueTime!;
        }

        return total;
    }

    private double? CounterGrowth(ServerQuantity counter, double startMs, double endMs)
    {
        double? total = null;
        foreach (var endpoint in Endpoints)
        {
            var values = endpoint.Readings.Where(r => r[counter] is not null).ToList();
            var before = values.LastOrDefault(r => r.AtMs < startMs) ?? values.FirstOrDefault();
            var inWindow = values.Where(r => r.AtMs >= (before?.AtMs ?? 0) && r.AtMs < endMs).ToList();
            if (before is null || inWindow.Count == 0)
            {
                continue;
            }

            // Summed step by step, so that a counter reset (a restart) counts what came after it rather than a negative.
            double growth = 0;
            var previous = before[counter]!.Value;
            foreach (var reading in inWindow)
            {
                var value = reading[counter]!.Value;
                growth += value >= previous ? value - previous : value;
                previous = value;
            }

            total = (total ?? 0) + growth;
        }

        return total;
    }

    private static double? Gauge(List<List<ServerReading>> inside, ServerQuantity quantity, Func<IEnumerable<double>, double> acrossEndpoints)
    {
        var perEndpoint = inside.Select(readings => readings.Select(r => r[quantity]).OfType<double>().ToList()).Where(v => v.Count > 0).Select(v => v.Average()).ToList();
        return perEndpoint.Count == 0 ? null : acrossEndpoints(perEndpoint);
    }

    private static HistogramSnapshot? Sum(IEnumerable<HistogramSnapshot?> histograms)
    {
        HistogramSnapshot? total = null;
        // An empty growth (the buckets changed between two scrapes) has no buckets to add to.
        foreach (var histogram in histograms.OfType<HistogramSnapshot>().Where(h => h.UpperBounds.Count > 0))
        {
            total = total is null || !total.UpperBounds.SequenceEqual(histogram.UpperBounds)
                ? total ?? histogram
                : new HistogramSnapshot(total.UpperBounds, [.. total.Cumulative.Select((c, i) => c + histogram.Cumulative[i])], total.Count + histogram.Count, total.Sum + histogram.Sum);
        }

        return total;
    }
}
