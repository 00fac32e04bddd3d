using System.Globalization;

namespace LlmLoad.SimBench;

/// <summary>
/// One <c>key=value</c> line per figure (invariant culture, seconds and milliseconds in the key's name), for
/// bench/simulator-bench.sh to pick up with grep; the keys are the script's interface and only grow.
/// </summary>
internal static class RunReport
{
    /// <summary>role chunk + finish chunk + <c>[DONE]</c>: the events of a response besides one per content token.</summary>
    public const int FramingEventsPerResponse = 3;

    public static IEnumerable<string> Lines(RunResult r)
    {
        var window = r.Window.TotalSeconds;
        var contentInWindow = r.InWindow.Events - (FramingEventsPerResponse * r.InWindow.Completed);
        var lag = r.SendLagWindow;
        var lagRun = r.SendLagRun;
        yield return Line("schema", 1);
        yield return Line("concurrency", r.Options.Concurrency);
        yield return Line("max_tokens", r.Options.MaxTokens);
        yield return Line("window_s", window);
        yield return Line("events_per_s", r.InWindow.Events / window);
        yield return Line("content_chunks_per_s", contentInWindow / window);
        yield return Line("requests_per_s", r.InWindow.Completed / window);
        yield return Line("requests_completed", r.Total.Completed);
        yield return Line("errors", r.Total.Errors);
        yield return Line("errors_status", r.Total.StatusErrors);
        yield return Line("errors_transport", r.Total.TransportErrors);
        yield return Line("errors_truncated", r.Total.Truncated);
        yield return Line("cut_at_end", r.Cut);
        yield return Line("drain_s", r.Drain.TotalSeconds);
        yield return Line("client_peak_in_flight", r.PeakInFlight);
        yield return Line("client_peak_open_streams", r.PeakOpen);
        yield return Line("server_peak_running", r.ServerPeakRunning);
        yield return Line("scrape_failures", r.ScrapeFailures);
        yield return Line("send_lag_tokens", lag.Count);
        yield return Line("send_lag_within_2ms", lag.FractionWithin(0.002));
        yield return Line("send_lag_p50_ms", lag.Quantile(0.50) * 1000);
        yield return Line("send_lag_p99_ms", lag.Quantile(0.99) * 1000);
        yield return Line("send_lag_mean_ms", lag.MeanSeconds * 1000);
        yield return Line("send_lag_buckets", string.Join(' ', lag.UpperBounds.Select((b, i) => $"{Bound(b)}:{Text(lag.Cumulative[i])}")));
        yield return Line("run_send_lag_tokens", lagRun.Count);
        yield return Line("run_send_lag_within_2ms", lagRun.FractionWithin(0.002));
        yield return Line("run_send_lag_p99_ms", lagRun.Quantile(0.99) * 1000);
        if (r.ArrivalLagWindow is { } arrival)
        {
            yield return Line("client_lag_events", ArrivalLagHistogram.Count(arrival));
            yield return Line("client_lag_within_2ms", ArrivalLagHistogram.FractionWithinMs(arrival, 2));
            yield return Line("client_lag_p50_ms", ArrivalLagHistogram.QuantileMs(arrival, 0.50));
            yield return Line("client_lag_p99_ms", ArrivalLagHistogram.QuantileMs(arrival, 0.99));
            yield return Line("client_lag_p999_ms", ArrivalLagHistogram.QuantileMs(arrival, 0.999));
        }

        yield return Line("window_server_cpu_cores", r.CpuWindow.Server / window);
        yield return Line("window_driver_cpu_cores", r.CpuWindow.Driver / window);
        yield return Line("window_machine_busy_cores", r.CpuWindow.Machine / window);
        yield return Line("driver_peak_rss_mb", r.DriverPeakRssMb);
    }

    private static string Line(string key, double value) => $"{key}={Text(value)}";

    private static string Line(string key, string value) => $"{key}={value}";

    private static string Bound(double value) => double.IsPositiveInfinity(value) ? "inf" : value.ToString(CultureInfo.InvariantCulture);

    private static string Text(double value)
        => double.IsPositiveInfinity(value) ? "inf" : double.IsNaN(value) ? "nan" : Math.Round(value, 4).ToString(CultureInfo.InvariantCulture);
}
